"use client";
// The task panel under every page (as Proxmox's): the user's running and recent tasks, live.
// It also posts the end of the tasks this tab started (watch.ts), wherever the user is now.
import Link from "next/link";
import { useCallback, useEffect, useState } from "react";
import { LINK } from "@/components/ui/link-style";
import { useToast } from "@/components/ui/toaster";
import { useCachedTasks, useTasks } from "@/lib/queries/tasks";
import { isFinished, type TaskSummary } from "@/lib/tasks/summary";
import { TaskProgress } from "./task-progress";
import { TaskStateBadge } from "./task-state-badge";
import { watchedTasks } from "./watch";

const OPEN_KEY = "virtdeck.task-panel";
const RECENT = { limit: 8 };

function useTaskNotices(): void {
  const { notify } = useToast();
  const ended = useCallback(
    (task: TaskSummary) => {
      const watch = watchedTasks.get(task.id);
      if (!watch || !isFinished(task.state)) return;
      watchedTasks.delete(task.id);
      const ok = task.state === "succeeded";
      notify({
        key: watch.key,
        ok,
        text: ok ? watch.done : `${task.title}: ${task.error ?? task.state}`,
      });
    },
    [notify],
  );
  // Every task message lands in the panel's cached list (applyTaskMessage), and so does a task
  // that ended before its action's answer registered the watch: the cache is the one place to look.
  useCachedTasks(
    useCallback(
      (tasks: TaskSummary[]) => {
        for (const t of tasks) if (watchedTasks.has(t.id)) ended(t);
      },
      [ended],
    ),
  );
}

export function TaskPanel() {
  const { data: tasks = [] } = useTasks(RECENT);
  const [open, setOpen] = useState(false);
  useEffect(() => setOpen(localStorage.getItem(OPEN_KEY) !== "closed"), []);
  useTaskNotices();
  const running = tasks.filter((t) => !isFinished(t.state)).length;
  const toggle = () => {
    localStorage.setItem(OPEN_KEY, open ? "closed" : "open");
    setOpen(!open);
  };
  return (
    <section
      aria-label="Tasks"
      className="sticky bottom-0 border-t border-zinc-200 bg-white/95 text-sm backdrop-blur dark:border-zinc-800 dark:bg-zinc-900/95"
    >
      <div className="flex h-9 items-center gap-3 px-6">
        <button
          type="button"
          onClick={toggle}
          aria-expanded={open}
          aria-controls="task-panel-list"
          className="font-medium text-zinc-700 dark:text-zinc-200"
        >
          {open ? "▾" : "▸"} Tasks
        </button>
        <span data-testid="tasks-running" className="text-xs text-zinc-500 dark:text-zinc-400">
          {running > 0 ? `${running} running` : "none running"}
        </span>
        <Link href="/tasks" className={`ml-auto text-xs ${LINK}`}>
          All tasks
        </Link>
      </div>
      {open ? (
        <ul
          id="task-panel-list"
          className="max-h-48 overflow-y-auto px-6 pb-2"
          data-testid="task-panel"
        >
          {tasks.length === 0 ? (
            <li className="py-1 text-xs text-zinc-500 dark:text-zinc-400">No tasks yet.</li>
          ) : null}
          {tasks.map((t) => (
            <li
              key={t.id}
              data-testid="panel-task"
              data-task-id={t.id}
              data-task-state={t.state}
              className="grid grid-cols-[minmax(0,2fr)_minmax(0,1fr)_auto] items-center gap-3 py-1"
            >
              <Link href={`/tasks/${t.id}`} className={`truncate ${LINK}`} title={t.title}>
                {t.title}
              </Link>
              <span className="truncate text-xs text-zinc-500 dark:text-zinc-400">
                {t.username} · {t.objectLabel}
              </span>
              <span className="w-56">
                {isFinished(t.state) ? (
                  <TaskStateBadge state={t.state} />
                ) : (
                  <TaskProgress task={t} compact />
                )}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
