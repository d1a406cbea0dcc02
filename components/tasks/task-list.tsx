"use client";
import { useState } from "react";
import { Card } from "@/components/ui/card";
import { type TaskFilter, useTasks } from "@/lib/queries/tasks";
import type { TaskSummary } from "@/lib/tasks/summary";
import { TaskTable } from "./task-table";

const STATES: { value: TaskFilter["state"]; label: string }[] = [
  { value: undefined, label: "All" },
  { value: "active", label: "Running" },
  { value: "failed", label: "Failed" },
  { value: "cancelled", label: "Cancelled" },
  { value: "interrupted", label: "Interrupted" },
];

/** Every task the user may follow, newest first, live, filtered by state. */
export function TaskList({ initial }: { initial: TaskSummary[] }) {
  const [state, setState] = useState<TaskFilter["state"]>(undefined);
  const filter: TaskFilter = { state, limit: 100 };
  const { data = state ? [] : initial } = useTasks(filter, state ? undefined : initial);
  return (
    <Card title="Tasks">
      <fieldset className="mb-3 flex gap-2">
        <legend className="sr-only">Show</legend>
        {STATES.map((s) => (
          <button
            key={s.label}
            type="button"
            aria-pressed={state === s.value}
            onClick={() => setState(s.value)}
            className={`rounded-full px-3 py-1 text-xs font-medium ${
              state === s.value
                ? "bg-indigo-600 text-white"
                : "bg-zinc-100 text-zinc-700 hover:bg-zinc-200 dark:bg-zinc-800 dark:text-zinc-300"
            }`}
          >
            {s.label}
          </button>
        ))}
      </fieldset>
      <TaskTable tasks={data} label="Tasks" />
    </Card>
  );
}
