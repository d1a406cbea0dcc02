"use client";
import Link from "next/link";
import { LINK } from "@/components/ui/link-style";
import { Table } from "@/components/ui/table";
import { formatDuration, formatUtc } from "@/lib/format";
import { isFinished, type TaskSummary } from "@/lib/tasks/summary";
import { TaskProgress } from "./task-progress";
import { TaskStateBadge } from "./task-state-badge";

function took(task: TaskSummary): string {
  if (!task.startedAt) return "";
  const end = task.endedAt ? Date.parse(task.endedAt) : Date.now();
  return formatDuration((end - Date.parse(task.startedAt)) / 1000);
}

/** Tasks as rows: what, on which object, by whom, when, how far or how it ended. */
export function TaskTable({
  tasks,
  label,
  showObject = true,
}: {
  tasks: TaskSummary[];
  label: string;
  showObject?: boolean;
}) {
  if (tasks.length === 0)
    return <p className="text-sm text-zinc-500 dark:text-zinc-400">No tasks yet.</p>;
  return (
    <Table
      label={label}
      columns={["Task", showObject && "Object", "User", "Started", "Took", "Status"]}
    >
      {tasks.map((t) => (
        <tr key={t.id} data-testid="task-row" data-task-id={t.id} data-task-state={t.state}>
          <td className="py-2 pr-3">
            <Link className={LINK} href={`/tasks/${t.id}`}>
              {t.title}
            </Link>
          </td>
          {showObject ? <td className="py-2 pr-3">{t.objectLabel}</td> : null}
          <td className="py-2 pr-3">{t.username}</td>
          <td className="whitespace-nowrap py-2 pr-3 tabular-nums">{formatUtc(t.createdAt)}</td>
          <td className="whitespace-nowrap py-2 pr-3 tabular-nums">{took(t)}</td>
          <td className="w-64 py-2">
            {isFinished(t.state) ? (
              <span className="flex flex-col items-start gap-1">
                <TaskStateBadge state={t.state} />
                {t.error ? (
                  <span className="text-xs text-red-700 dark:text-red-400">{t.error}</span>
                ) : null}
              </span>
            ) : (
              <TaskProgress task={t} compact />
            )}
          </td>
        </tr>
      ))}
    </Table>
  );
}
