"use client";
// TanStack Query keys and live cache updates for tasks. Every task message (lib/live/messages.ts)
// carries the whole task and the log lines added since the last one: lists merge it by id, the
// task page appends the lines. A read never takes a finished task back to "running".
import { type QueryClient, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect } from "react";
import type { ServerMessage } from "@/lib/live/messages";
import { fetchJson } from "@/lib/queries/fetch-json";
import { useLiveEvents } from "@/lib/queries/live-socket";
import { isFinished, type TaskDetail, type TaskLine, type TaskSummary } from "@/lib/tasks/summary";

/** What a task list shows: "active" is queued and running. */
export interface TaskFilter {
  state?: "active" | TaskSummary["state"];
  vm?: string;
  host?: string;
  /** A parent task's children. */
  parent?: string;
  limit?: number;
}

export const taskKeys = {
  all: ["tasks"] as const,
  list: (filter: TaskFilter) => ["tasks", filter] as const,
  detail: (id: string) => ["task", id] as const,
};

export function matchesFilter(task: TaskSummary, filter: TaskFilter): boolean {
  if (filter.state === "active" && isFinished(task.state)) return false;
  if (filter.state && filter.state !== "active" && filter.state !== task.state) return false;
  if (filter.vm && task.vmUuid !== filter.vm.toLowerCase()) return false;
  if (filter.host && task.hostId !== filter.host) return false;
  if (filter.parent && task.parentId !== filter.parent) return false;
  return true;
}

/** The newer of two copies of a task: an ended task never goes back to running. */
function newer(incoming: TaskSummary, cached: TaskSummary | undefined): TaskSummary {
  if (cached && isFinished(cached.state) && !isFinished(incoming.state)) return cached;
  return incoming;
}

/** One task merged into a list (pure): replaced, added newest first, or dropped when it no longer matches. */
export function withTask(
  list: TaskSummary[],
  task: TaskSummary,
  filter: TaskFilter,
): TaskSummary[] {
  const i = list.findIndex((t) => t.id === task.id);
  const merged = newer(task, list[i]);
  if (!matchesFilter(merged, filter)) return i === -1 ? list : list.filter((t) => t.id !== task.id);
  if (i === -1) return [merged, ...list].slice(0, filter.limit ?? 50);
  const next = list.slice();
  next[i] = merged;
  return next;
}

/** New log lines appended to a task's log once each, in order (pure). */
export function withLines(log: TaskLine[], lines: TaskLine[]): TaskLine[] {
  const last = log.at(-1)?.id ?? 0;
  const fresh = lines.filter((l) => l.id > last);
  return fresh.length ? [...log, ...fresh] : log;
}

export function applyTaskMessage(client: QueryClient, message: ServerMessage): void {
  if (message.type === "hello") void client.invalidateQueries({ queryKey: taskKeys.all });
  if (message.type !== "task") return;
  const { task, lines } = message;
  for (const [key] of client.getQueriesData<TaskSummary[]>({ queryKey: taskKeys.all })) {
    const filter = (key[1] ?? {}) as TaskFilter;
    client.setQueryData<TaskSummary[]>(key, (list) => (list ? withTask(list, task, filter) : list));
  }
  client.setQueryData<TaskDetail>(taskKeys.detail(task.id), (old) =>
    old ? { ...newer(task, old), log: withLines(old.log, lines) } : old,
  );
}

function useLiveTasks(): void {
  const client = useQueryClient();
  useLiveEvents(useCallback((m: ServerMessage) => applyTaskMessage(client, m), [client]));
}

function query(filter: TaskFilter): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(filter)) if (v !== undefined) params.set(k, String(v));
  return params.toString();
}

/** Tasks the user may follow, live. */
export function useTasks(filter: TaskFilter, initial?: TaskSummary[]) {
  useLiveTasks();
  return useQuery({
    queryKey: taskKeys.list(filter),
    queryFn: async () =>
      (await fetchJson<{ tasks: TaskSummary[] }>(`/api/v1/tasks?${query(filter)}`)).tasks,
    initialData: initial,
  });
}

/** One task with its log, live; `started` is the task as its action answered (no log yet). */
export function useTask(id: string | null, started?: TaskSummary | TaskDetail) {
  useLiveTasks();
  return useQuery({
    queryKey: taskKeys.detail(id ?? ""),
    queryFn: async () => (await fetchJson<{ task: TaskDetail }>(`/api/v1/tasks/${id}`)).task,
    enabled: id !== null,
    initialData: started ? { log: [], ...started } : undefined,
    // An action's answer is only the start: read the log there is so far.
    initialDataUpdatedAt: started && !("log" in started) ? 0 : undefined,
  });
}

/** Puts a task an action just answered into the cache, so every list shows it at once. */
export function usePutTask() {
  const client = useQueryClient();
  return useCallback(
    (task: TaskSummary) => applyTaskMessage(client, { type: "task", task, lines: [] }),
    [client],
  );
}

/** Calls `listener` with every task the cache holds whenever the cache changes. */
export function useCachedTasks(listener: (tasks: TaskSummary[]) => void): void {
  const client = useQueryClient();
  useEffect(
    () =>
      client.getQueryCache().subscribe(() => {
        const lists = client.getQueriesData<TaskSummary[]>({ queryKey: taskKeys.all });
        listener(lists.flatMap(([, list]) => list ?? []));
      }),
    [client, listener],
  );
}
