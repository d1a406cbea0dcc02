import type { TaskState } from "@/lib/tasks/summary";

const COLORS: Record<TaskState, string> = {
  queued: "bg-zinc-100 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300",
  running: "bg-indigo-100 text-indigo-800 dark:bg-indigo-500/15 dark:text-indigo-300",
  succeeded: "bg-emerald-100 text-emerald-800 dark:bg-emerald-500/15 dark:text-emerald-300",
  failed: "bg-red-100 text-red-800 dark:bg-red-500/15 dark:text-red-300",
  cancelled: "bg-amber-100 text-amber-800 dark:bg-amber-500/15 dark:text-amber-300",
  interrupted: "bg-amber-100 text-amber-800 dark:bg-amber-500/15 dark:text-amber-300",
};

export function TaskStateBadge({ state }: { state: TaskState }) {
  return (
    <span
      data-testid="task-state"
      className={`inline-flex whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ${COLORS[state]}`}
    >
      {state}
    </span>
  );
}
