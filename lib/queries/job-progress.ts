"use client";
// Follows the progress messages of a job this tab started (a clone's disk copies). Messages are
// kept per job from the moment the hook mounts, so none is lost while the job id is still being
// set: the server sends a user only their own jobs' progress.
import { useCallback, useState } from "react";
import type { ProgressMessage, ServerMessage } from "@/lib/live/messages";
import { useLiveEvents } from "@/lib/queries/live-socket";

export function useJobProgress(job: string | null): ProgressMessage[] {
  const [byJob, setByJob] = useState<Record<string, ProgressMessage[]>>({});
  useLiveEvents(
    useCallback((m: ServerMessage) => {
      if (m.type !== "progress") return;
      setByJob((all) => {
        const parts = [...(all[m.job] ?? [])];
        parts[m.step] = m;
        return { ...all, [m.job]: parts };
      });
    }, []),
  );
  return job ? (byJob[job] ?? []).filter(Boolean) : [];
}
