"use client";
import { Card } from "@/components/ui/card";
import { type TaskFilter, useTasks } from "@/lib/queries/tasks";
import type { TaskSummary } from "@/lib/tasks/summary";
import { TaskTable } from "./task-table";

/** A VM's or host's tasks, newest first, live (the History tab, the host page). */
export function TaskHistory({
  filter,
  initial,
  label,
}: {
  filter: TaskFilter;
  initial: TaskSummary[];
  label: string;
}) {
  const { data = initial } = useTasks(filter, initial);
  return (
    <Card title="Tasks">
      <TaskTable tasks={data} label={label} showObject={!filter.vm} />
    </Card>
  );
}
