"use client";
import { useTransition } from "react";
import { useToast } from "@/components/ui/toaster";
import type { ActionResult } from "@/lib/actions/result";
import { usePutTask } from "@/lib/queries/tasks";
import type { TaskSummary } from "@/lib/tasks/summary";
import { watchedTasks } from "./watch";

/**
 * Calls a server action that starts a task: a refusal is a notification under `key` at once
 * (or goes to `refused`, for a dialog that shows it in place); a started task shows in the task
 * panel and, when it ends, posts "done" (or its error) under `key`. `started` gets the task (to
 * show its progress in place).
 */
export function useStartTask(key: string) {
  const { notify, dismiss } = useToast();
  const putTask = usePutTask();
  const [pending, startTransition] = useTransition();
  const start = (
    call: () => Promise<ActionResult<TaskSummary>>,
    done: string,
    started?: (task: TaskSummary) => void,
    refused?: (error: string) => void,
  ) =>
    startTransition(async () => {
      dismiss(key);
      const r = await call();
      if (!r.ok) return refused ? refused(r.error) : notify({ key, ok: false, text: r.error });
      watchedTasks.set(r.data.id, { key, done });
      putTask(r.data);
      started?.(r.data);
    });
  return { start, pending };
}
