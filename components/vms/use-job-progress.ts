"use client";
// Follows the progress messages of one job this tab started (a clone's disk copies).
import { useCallback, useState } from "react";
import { useLiveEvents } from "@/components/live/use-live-events";
import type { ProgressMessage, ServerMessage } from "@/lib/live/messages";

export function useJobProgress(job: string | null): ProgressMessage[] {
  const [steps, setSteps] = useState<{ job: string | null; parts: ProgressMessage[] }>({
    job: null,
    parts: [],
  });
  useLiveEvents(
    useCallback(
      (m: ServerMessage) => {
        if (m.type !== "progress" || m.job !== job) return;
        setSteps((s) => {
          const parts = s.job === job ? [...s.parts] : [];
          parts[m.step] = m;
          return { job, parts };
        });
      },
      [job],
    ),
  );
  return steps.job === job ? steps.parts.filter(Boolean) : [];
}
