// How the browser merges task messages into its lists and a task's log (pure functions).
import { describe, expect, it } from "vitest";
import { matchesFilter, withLines, withTask } from "@/lib/queries/tasks";
import type { TaskLine, TaskSummary } from "@/lib/tasks/summary";

const task = (id: string, over: Partial<TaskSummary> = {}): TaskSummary => ({
  id,
  kind: "vm.migrate",
  title: `Migrate ${id}`,
  object: { kind: "vm", hostId: "h1", uuid: "5f1d7a3e-8c2b-4d61-9e0a-7d1ab0c0ffee" },
  objectLabel: "web1 on kvm1",
  hostId: "h1",
  vmUuid: "5f1d7a3e-8c2b-4d61-9e0a-7d1ab0c0ffee",
  userId: "u1",
  username: "ann",
  state: "running",
  phase: null,
  done: null,
  total: null,
  unit: null,
  cancellable: true,
  result: null,
  error: null,
  parentId: null,
  createdAt: "2026-12-02T10:00:00.000Z",
  startedAt: "2026-12-02T10:00:00.000Z",
  endedAt: null,
  ...over,
});
const line = (id: number): TaskLine => ({
  id,
  at: "2026-12-02T10:00:00.000Z",
  level: "info",
  line: `l${id}`,
});

describe("task lists in the browser's cache", () => {
  it("add a new task first, replace a known one in place, and keep to the limit", () => {
    const list = [task("a"), task("b")];
    expect(withTask(list, task("c"), { limit: 2 }).map((t) => t.id)).toEqual(["c", "a"]);
    const moved = withTask(list, task("b", { done: 5, total: 10 }), {});
    expect(moved.map((t) => [t.id, t.done])).toEqual([
      ["a", null],
      ["b", 5],
    ]);
  });

  it("never take an ended task back to running (a read older than the socket's message)", () => {
    const ended = [task("a", { state: "succeeded" })];
    expect(withTask(ended, task("a", { state: "running" }), {})[0]?.state).toBe("succeeded");
  });

  it("drop a task from an 'active' list once it ends, and keep other filters apart", () => {
    const active = [task("a")];
    expect(withTask(active, task("a", { state: "failed" }), { state: "active" })).toEqual([]);
    expect(matchesFilter(task("a"), { vm: "5F1D7A3E-8C2B-4D61-9E0A-7D1AB0C0FFEE" })).toBe(true);
    expect(matchesFilter(task("a"), { host: "h2" })).toBe(false);
    expect(matchesFilter(task("a", { state: "cancelled" }), { state: "failed" })).toBe(false);
  });

  it("append each log line once, in order, whatever arrives twice", () => {
    const log = [line(1), line(2)];
    expect(withLines(log, [line(2), line(3)]).map((l) => l.id)).toEqual([1, 2, 3]);
    expect(withLines(log, [line(1)])).toBe(log);
  });
});
