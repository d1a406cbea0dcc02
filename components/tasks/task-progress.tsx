"use client";
import { useRef } from "react";
import { ProgressBar } from "@/components/ui/progress-bar";
import { formatBytes } from "@/lib/storage/sizes";
import { isFinished, type TaskSummary } from "@/lib/tasks/summary";

function amount(task: TaskSummary, n: number): string {
  return task.unit === "bytes" ? formatBytes(n) : String(n);
}

/**
 * A task's bar: its phase, percent, how much of how much, and (for bytes) the speed over the
 * last messages. Nothing to count yet reads "Starting…".
 */
export function TaskProgress({ task, compact = false }: { task: TaskSummary; compact?: boolean }) {
  const samples = useRef<{ at: number; done: number }[]>([]);
  const done = task.done ?? 0;
  const total = task.total ?? 0;
  const now = Date.now();
  const last = samples.current.at(-1);
  if (!last || last.done !== done)
    samples.current = [...samples.current, { at: now, done }].slice(-6);
  const first = samples.current[0];
  const latest = samples.current.at(-1);
  const speed =
    task.unit === "bytes" && first && latest && latest.at > first.at && !isFinished(task.state)
      ? ((latest.done - first.done) / (latest.at - first.at)) * 1000
      : null;
  const pct =
    total > 0
      ? Math.floor((Math.min(done, total) / total) * 100)
      : isFinished(task.state)
        ? 100
        : 0;
  const tone =
    task.state === "failed"
      ? "red"
      : task.state === "succeeded"
        ? "emerald"
        : task.state === "running"
          ? "indigo"
          : "amber";
  return (
    <div className="flex min-w-0 flex-col gap-1" data-testid="task-progress">
      {!compact && task.phase ? (
        <span className="truncate text-xs" data-testid="task-phase" title={task.phase}>
          {task.phase}
        </span>
      ) : null}
      <ProgressBar label={`Progress of ${task.title}`} percent={pct} tone={tone} />
      <span className="text-xs text-zinc-500 dark:text-zinc-400" data-testid="task-percent">
        {total > 0
          ? `${pct} % · ${amount(task, Math.min(done, total))} of ${amount(task, total)}${task.unit === "vms" ? " VMs" : ""}`
          : task.state === "running"
            ? "Starting…"
            : task.state}
        {speed !== null && speed > 0 ? ` · ${formatBytes(speed)}/s` : ""}
      </span>
    </div>
  );
}
