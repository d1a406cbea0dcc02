"use client";
import { Card } from "@/components/ui/card";
import { type TaskFilter, useTasks } from "@/lib/queries/tasks";
import type { TaskSummary } from "@/lib/tasks/summary";
import { TaskTable } from "./task-table";

/** A VM's or host's tasks, or a task's children, newest first, live. */
export function TaskHistory({
  filter,
  initial,
  label,
  title = "Tasks",
}: {
  filter: TaskFilter;
  initial?: TaskSummary[];
  label: string;
  title?: string;
}) {
  const { data = initial ?? [] } = useTasks(filter, initial);
  return (
    <Card title={title}>
      <TaskTable tasks={data} label={label} showObject={!filter.vm} />
    </Card>
  );
}
