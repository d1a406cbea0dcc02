"use client";
import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { LINK } from "@/components/ui/link-style";
import { useRun } from "@/components/ui/use-run";
import { cancelTaskAction } from "@/lib/actions/tasks";
import { formatUtc } from "@/lib/format";
import { useTask } from "@/lib/queries/tasks";
import { isFinished, type TaskDetail } from "@/lib/tasks/summary";
import { TaskHistory } from "./task-history";
import { TaskProgress } from "./task-progress";
import { TaskStateBadge } from "./task-state-badge";

/** Kinds whose work is done by child tasks, one per VM. */
const PARENT_KINDS = new Set(["host.evacuate", "vm.migrate-many"]);

const LEVEL: Record<string, string> = {
  info: "",
  warn: "text-amber-700 dark:text-amber-300",
  error: "text-red-700 dark:text-red-400",
};

/** One task: its facts, its bar while it runs, Cancel where it can be, and its log following live. */
export function TaskDetailView({
  initial,
  mayCancel,
}: {
  initial: TaskDetail;
  mayCancel: boolean;
}) {
  const { data: task = initial } = useTask(initial.id, initial);
  const [asking, setAsking] = useState(false);
  const { run, pending } = useRun("task-cancel");
  const log = useRef<HTMLOListElement>(null);
  // Follow the log's end while the task adds lines.
  useEffect(() => {
    const el = log.current;
    if (el && task.log.length > 0) el.scrollTop = el.scrollHeight;
  }, [task.log.length]);
  const running = !isFinished(task.state);
  return (
    <div className="flex max-w-5xl flex-col gap-4">
      <Card title="Task">
        <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-1 text-sm">
          <dt className="text-zinc-500">Status</dt>
          <dd>
            <TaskStateBadge state={task.state} />
          </dd>
          <dt className="text-zinc-500">Object</dt>
          <dd>{task.objectLabel}</dd>
          {task.parentId ? (
            <>
              <dt className="text-zinc-500">Part of</dt>
              <dd>
                <a className={LINK} href={`/tasks/${task.parentId}`}>
                  the parent task
                </a>
              </dd>
            </>
          ) : null}
          <dt className="text-zinc-500">Started by</dt>
          <dd>{task.username}</dd>
          <dt className="text-zinc-500">Started</dt>
          <dd className="tabular-nums">{formatUtc(task.createdAt)} UTC</dd>
          {task.endedAt ? (
            <>
              <dt className="text-zinc-500">Ended</dt>
              <dd className="tabular-nums">{formatUtc(task.endedAt)} UTC</dd>
            </>
          ) : null}
          {task.error ? (
            <>
              <dt className="text-zinc-500">Error</dt>
              <dd className="text-red-700 dark:text-red-400" data-testid="task-error">
                {task.error}
              </dd>
            </>
          ) : null}
        </dl>
        {running ? (
          <div className="mt-4 flex items-end gap-4">
            <div className="min-w-0 flex-1">
              <TaskProgress task={task} />
            </div>
            {task.cancellable && mayCancel ? (
              <Button variant="secondary" onClick={() => setAsking(true)} disabled={pending}>
                Cancel task
              </Button>
            ) : null}
          </div>
        ) : null}
        {running && !task.cancellable ? (
          <p className="mt-2 text-xs text-zinc-500 dark:text-zinc-400">
            libvirt cannot stop this kind of task once it has started.
          </p>
        ) : null}
      </Card>
      {PARENT_KINDS.has(task.kind) ? (
        <TaskHistory
          filter={{ parent: task.id, limit: 100 }}
          label="Migrations of this task"
          title="Migrations"
        />
      ) : null}
      <Card title="Log">
        <ol
          ref={log}
          aria-label="Task log"
          data-testid="task-log"
          className="max-h-[28rem] overflow-y-auto font-mono text-xs leading-5"
        >
          {task.log.map((l) => (
            <li key={l.id} className={LEVEL[l.level]}>
              <time className="mr-3 text-zinc-500" dateTime={l.at}>
                {formatUtc(l.at)}
              </time>
              {l.line}
            </li>
          ))}
        </ol>
      </Card>
      <ConfirmDialog
        open={asking}
        title={`Cancel ${task.title}?`}
        confirmLabel="Cancel task"
        busy={pending}
        onConfirm={() =>
          run(
            () => cancelTaskAction({ id: task.id }),
            "Cancel asked",
            () => setAsking(false),
          )
        }
        onCancel={() => setAsking(false)}
      >
        {task.kind === "vm.migrate"
          ? "The migration job is aborted; the VM keeps running on the source host."
          : PARENT_KINDS.has(task.kind)
            ? "No more migrations start; the ones under way are aborted and those VMs stay where they were."
            : "The task stops as soon as libvirt lets it and removes what it had made so far."}
      </ConfirmDialog>
    </div>
  );
}
