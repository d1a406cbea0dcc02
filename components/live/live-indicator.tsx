"use client";
import { useLiveStatus } from "@/lib/queries/live-socket";

const LABEL = { open: "live", connecting: "connecting…", closed: "reconnecting…" } as const;

/** Says whether what the page shows follows changes live (the /ws/events socket is open). */
export function LiveIndicator() {
  const status = useLiveStatus();
  return (
    <span
      data-testid="live-status"
      data-status={status}
      title={status === "open" ? "Updates arrive live" : "Live updates paused; reconnecting"}
      className="inline-flex items-center gap-1 text-xs text-zinc-500 dark:text-zinc-400"
    >
      <span
        aria-hidden
        className={`size-1.5 rounded-full ${status === "open" ? "bg-emerald-500" : "bg-amber-500"}`}
      />
      {LABEL[status]}
    </span>
  );
}
