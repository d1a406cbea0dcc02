const COLORS: Record<string, string> = {
  running: "bg-emerald-100 text-emerald-800 dark:bg-emerald-500/15 dark:text-emerald-300",
  idle: "bg-emerald-100 text-emerald-800 dark:bg-emerald-500/15 dark:text-emerald-300",
  paused: "bg-amber-100 text-amber-800 dark:bg-amber-500/15 dark:text-amber-300",
  "in shutdown": "bg-amber-100 text-amber-800 dark:bg-amber-500/15 dark:text-amber-300",
  pmsuspended: "bg-amber-100 text-amber-800 dark:bg-amber-500/15 dark:text-amber-300",
  crashed: "bg-red-100 text-red-800 dark:bg-red-500/15 dark:text-red-300",
  gone: "bg-zinc-200 text-zinc-600 line-through dark:bg-zinc-700 dark:text-zinc-300",
};

/** The VM state in virsh's words, coloured by what it means for the operator. */
export function StateBadge({ state, reason }: { state: string; reason?: string | null }) {
  return (
    <span
      data-testid="vm-state"
      title={reason ? `${state} (${reason})` : state}
      className={`inline-flex items-center gap-1 whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ${COLORS[state] ?? "bg-zinc-100 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300"}`}
    >
      {state}
    </span>
  );
}
