// The shape of a task as lists, the task page, the JSON API and /ws/events show it. Pure: the
// browser imports the types and the words.
import type { AccessObject } from "@/lib/access/paths";

export type TaskUnit = "bytes" | "steps" | "vms";

export const TASK_STATES = [
  "queued",
  "running",
  "succeeded",
  "failed",
  "cancelled",
  "interrupted",
] as const;
export type TaskState = (typeof TASK_STATES)[number];

/** The answer of a long action the caller did not wait for: the task as it started (the API's 202). */
export interface AcceptedTask {
  accepted: TaskSummary;
}

export function isAcceptedTask(value: unknown): value is AcceptedTask {
  return typeof value === "object" && value !== null && "accepted" in value;
}

/** States a task never leaves. */
export function isFinished(state: TaskState): boolean {
  return state !== "queued" && state !== "running";
}

export interface TaskSummary {
  id: string;
  kind: string;
  title: string;
  object: AccessObject;
  objectLabel: string;
  hostId: string | null;
  vmUuid: string | null;
  username: string;
  userId: string | null;
  state: TaskState;
  phase: string | null;
  done: number | null;
  total: number | null;
  unit: TaskUnit | null;
  cancellable: boolean;
  result: unknown;
  error: string | null;
  parentId: string | null;
  createdAt: string;
  startedAt: string | null;
  endedAt: string | null;
}

export interface TaskLine {
  id: number;
  at: string;
  level: "info" | "warn" | "error";
  line: string;
}

export interface TaskDetail extends TaskSummary {
  log: TaskLine[];
}

interface TaskRow {
  id: string;
  kind: string;
  title: string;
  object: string;
  objectLabel: string;
  hostId: string | null;
  vmUuid: string | null;
  userId: string | null;
  username: string;
  state: string;
  phase: string | null;
  done: number | null;
  total: number | null;
  unit: string | null;
  cancellable: boolean;
  result: string | null;
  error: string | null;
  parentId: string | null;
  createdAt: Date;
  startedAt: Date | null;
  endedAt: Date | null;
}

export function taskSummary(row: TaskRow): TaskSummary {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    object: JSON.parse(row.object) as AccessObject,
    objectLabel: row.objectLabel,
    hostId: row.hostId,
    vmUuid: row.vmUuid,
    userId: row.userId,
    username: row.username,
    state: row.state as TaskState,
    phase: row.phase,
    done: row.done,
    total: row.total,
    unit: row.unit as TaskUnit | null,
    cancellable: row.cancellable,
    result: row.result ? (JSON.parse(row.result) as unknown) : null,
    error: row.error,
    parentId: row.parentId,
    createdAt: row.createdAt.toISOString(),
    startedAt: row.startedAt?.toISOString() ?? null,
    endedAt: row.endedAt?.toISOString() ?? null,
  };
}

export function taskLine(row: { id: number; at: Date; level: string; line: string }): TaskLine {
  return {
    id: row.id,
    at: row.at.toISOString(),
    level: row.level as TaskLine["level"],
    line: row.line,
  };
}
