"use client";
import type { ReactNode } from "react";
import { LINK } from "@/components/ui/link-style";
import type { TaskSummary } from "@/lib/tasks/summary";
import { TaskProgress } from "./task-progress";

/**
 * A task started from a dialog, followed in place: its bar, what else belongs to it (child
 * tasks), a link to its page, and its error. Closing the dialog stops nothing.
 */
export function TaskInDialog({
  task,
  testId,
  children,
}: {
  task: TaskSummary;
  testId: string;
  children?: ReactNode;
}) {
  return (
    <div role="status" data-testid={testId} className="flex flex-col gap-3">
      <TaskProgress task={task} />
      {children}
      <p className="text-xs">
        {task.state === "running"
          ? "Closing this dialog stops nothing: the task goes on in the task panel. "
          : null}
        <a className={LINK} href={`/tasks/${task.id}`}>
          Open the task
        </a>
      </p>
      {task.error ? (
        <p role="alert" className="text-red-600 dark:text-red-400">
          {task.error}
        </p>
      ) : null}
    </div>
  );
}
