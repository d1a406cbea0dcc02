// Long actions as tasks: a row in the Task table with its progress and log, published on
// /ws/events as it moves, and a cancel registry for the ones running in this process. Next's
// bundle and server.ts load separate copies of this module, so the registry lives on globalThis.
import { randomUUID } from "node:crypto";
import type { SignedInContext } from "@/lib/access/operation";
import type { AccessObject } from "@/lib/access/paths";
import { recordAudit } from "@/lib/audit/record";
import type { SessionUser } from "@/lib/auth/session-store";
import { db } from "@/lib/db/client";
import { AppError, toActionError } from "@/lib/errors";
import { publish } from "@/lib/live/bus";
import {
  type AcceptedTask,
  isFinished,
  type TaskLine,
  type TaskState,
  type TaskSummary,
  type TaskUnit,
  taskLine,
  taskSummary,
} from "./summary";

export interface TaskProgress {
  done?: number;
  total?: number;
  unit?: TaskUnit;
  phase?: string;
}

/** What a task's body is given: its id, progress and log, and how it learns of a cancel. */
export interface TaskRun {
  readonly id: string;
  /** Who started it (a child task is its parent's user's). */
  readonly user: TaskUser;
  /** Aborted when someone cancels the task. */
  readonly signal: AbortSignal;
  progress(p: TaskProgress): void;
  log(line: string, level?: TaskLine["level"]): void;
  /** Runs when the task is cancelled (abort the libvirt job, the stream…). */
  onCancel(hook: () => unknown): void;
  /** Throws if a cancel was asked: for bodies that stop between steps. */
  stopIfCancelled(): void;
  /** Names the VM the task made (a create), so the task is in that VM's history. */
  aboutVm(uuid: string): void;
}

export interface TaskStart {
  kind: string;
  title: string;
  /** False, or what a cancel does where it is not immediate ("stops after the disk under way"). */
  cancel: boolean | string;
  parentId?: string;
  /** The VM the task is about (its history), when the operation's object is another. */
  vmUuid?: string;
  /** What a follower needs after a restart (a migration's source and target), kept as its result until it ends. */
  facts?: unknown;
}

type TaskUser = Pick<SessionUser, "userId" | "username">;

/** What a task is about, as the permission tree and the audit trail name it. */
interface TaskObject {
  object: AccessObject;
  label: string;
}

interface Running {
  controller: AbortController;
  hooks: (() => unknown)[];
  cancelledBy: string | null;
  run: TaskRun;
}

const KEY = Symbol.for("virtdeck.tasks");
const store = globalThis as unknown as Record<symbol, Map<string, Running> | undefined>;

function running(): Map<string, Running> {
  store[KEY] ??= new Map();
  return store[KEY];
}

/** The error a task body throws once it is cancelled (recognised by name: two module copies). */
export class TaskCancelled extends Error {
  override name = "TaskCancelled";
}

const PUBLISH_MS = 250;
const SAVE_MS = 1000;

/**
 * Starts `body` as a task on the operation's object and returns the task as it starts (the 202
 * answer); the body runs on after the request ends. The audit row of the start names the task.
 */
export async function startTask(
  ctx: SignedInContext,
  start: TaskStart,
  body: (task: TaskRun) => Promise<unknown>,
): Promise<TaskSummary> {
  const task = await createTaskOf(ctx, start);
  void execute(task, ctx.user, start.kind, body, `Started by ${ctx.user.username}: ${task.title}`);
  return { ...task };
}

/**
 * Runs `body` as a task the request itself waits for (an upload: the bytes are the request's
 * body): the task panel shows it with its progress and can cancel it, and the request answers
 * with the body's result, or fails with its error, once it ends. The operation's own audit row
 * records the outcome, so the task's end adds none.
 */
export async function runTaskInRequest<T>(
  ctx: SignedInContext,
  start: TaskStart,
  body: (task: TaskRun) => Promise<T>,
): Promise<{ task: TaskSummary; result: T }> {
  const task = await createTaskOf(ctx, start);
  let failure: unknown = null;
  let result: T | undefined;
  const ended = await execute(
    task,
    ctx.user,
    start.kind,
    async (run) => {
      try {
        result = await body(run);
        return result;
      } catch (error) {
        failure = error;
        throw error;
      }
    },
    `Started by ${ctx.user.username}: ${task.title}`,
    { auditEnd: false },
  );
  if (ended.state === "cancelled") throw new AppError("conflict", ended.error ?? "Cancelled");
  if (ended.state !== "succeeded") throw failure ?? new AppError("conflict", ended.error ?? "");
  return { task: ended, result: result as T };
}

/**
 * A long action that is usually over in a second or two (create a VM, resize a volume, build a
 * pool): the pages wait for its task and show what it made; an API caller gets the task at once
 * (202, its result in the task once it ends), as with every long action.
 */
export async function runTaskAsAsked<T>(
  ctx: SignedInContext,
  start: TaskStart,
  body: (task: TaskRun) => Promise<T>,
): Promise<{ task: TaskSummary; result: T } | AcceptedTask> {
  if (ctx.respondAsync) return { accepted: await startTask(ctx, start, body) };
  return runTaskInRequest(ctx, start, body);
}

/**
 * Runs `body` as a child of a running task (one VM of an evacuation) and resolves with the
 * child as it ended. Cancelling the parent cancels the child; the child can be cancelled alone.
 */
export async function runChildTask(
  parent: TaskRun,
  about: TaskObject,
  start: Omit<TaskStart, "parentId">,
  body: (task: TaskRun) => Promise<unknown>,
): Promise<TaskSummary> {
  const task = await createTask(parent.user, about, { ...start, parentId: parent.id });
  const ended = execute(
    task,
    parent.user,
    start.kind,
    body,
    `Part of task ${parent.id}: ${task.title}`,
  );
  parent.onCancel(() =>
    stopRunning(task.id, `${running().get(parent.id)?.cancelledBy ?? "someone"} (the parent task)`),
  );
  return ended;
}

/** The task of an operation, on its object; the operation's audit row names it. */
async function createTaskOf(ctx: SignedInContext, start: TaskStart) {
  const target = ctx.target;
  if (!target) throw new Error(`task ${start.kind} needs an operation with an object`);
  const task = await createTask(ctx.user, target, start);
  ctx.audit.detail = [ctx.audit.detail, `task ${task.id}`].filter(Boolean).join("; ");
  return task;
}

async function createTask(user: TaskUser, about: TaskObject, start: TaskStart) {
  const object = about.object;
  const hostId = "hostId" in object ? object.hostId : null;
  const vmUuid = start.vmUuid ?? (object.kind === "vm" ? object.uuid.toLowerCase() : null);
  const now = new Date();
  const row = await db.task.create({
    data: {
      id: randomUUID(),
      kind: start.kind,
      title: start.title,
      object: JSON.stringify(object),
      objectLabel: about.label,
      hostId,
      vmUuid,
      userId: user.userId || null,
      username: user.username,
      state: "running",
      cancellable: start.cancel !== false,
      result: start.facts === undefined ? null : JSON.stringify(start.facts),
      parentId: start.parentId ?? null,
      createdAt: now,
      startedAt: now,
    },
  });
  return taskSummary(row);
}

/**
 * Runs `body` for a task a previous server process left running (a migration found still going
 * on its host): the same row goes on with its progress, log and end.
 */
export function resumeTask(
  task: TaskSummary,
  body: (task: TaskRun) => Promise<unknown>,
  note: string,
): void {
  const user = { userId: task.userId ?? "", username: task.username };
  void execute({ ...task }, user, task.kind, body, note);
}

async function execute(
  task: TaskSummary,
  user: TaskUser,
  kind: string,
  body: (task: TaskRun) => Promise<unknown>,
  firstLine: string,
  { auditEnd = true }: { auditEnd?: boolean } = {},
): Promise<TaskSummary> {
  // Every write of this task goes through one chain, so the log and the state stay in order.
  let chain: Promise<unknown> = Promise.resolve();
  const write = (step: () => Promise<unknown>) => {
    chain = chain.then(step).catch((e: unknown) => {
      console.error(`[virtdeck] task ${task.id}: ${toActionError(e)}`);
    });
    return chain;
  };
  let publishedAt = 0;
  let savedAt = 0;
  let publishTimer: NodeJS.Timeout | null = null;
  const announce = (lines: TaskLine[] = []) => {
    publishedAt = Date.now();
    publish({ type: "task", task: { ...task }, lines });
  };
  const save = () =>
    write(() =>
      db.task.update({
        where: { id: task.id },
        data: { phase: task.phase, done: task.done, total: task.total, unit: task.unit },
      }),
    );
  const controller = new AbortController();
  const entry: Running = { controller, hooks: [], cancelledBy: null, run: null as never };
  const run: TaskRun = {
    id: task.id,
    user,
    signal: controller.signal,
    progress(p) {
      if (p.done !== undefined) task.done = p.done;
      if (p.total !== undefined) task.total = p.total;
      if (p.unit !== undefined) task.unit = p.unit;
      if (p.phase !== undefined) task.phase = p.phase;
      if (Date.now() - savedAt >= SAVE_MS) {
        savedAt = Date.now();
        save();
      }
      if (Date.now() - publishedAt >= PUBLISH_MS) announce();
      else
        publishTimer ??= setTimeout(() => {
          publishTimer = null;
          announce();
        }, PUBLISH_MS);
    },
    log(line, level = "info") {
      write(async () => {
        const saved = await db.taskLog.create({
          data: { taskId: task.id, level, line: line.slice(0, 2000) },
        });
        announce([taskLine(saved)]);
      });
    },
    onCancel(hook) {
      entry.hooks.push(hook);
      if (entry.cancelledBy) void Promise.resolve().then(hook);
    },
    stopIfCancelled() {
      if (entry.cancelledBy) throw new TaskCancelled(`Cancelled by ${entry.cancelledBy}`);
    },
    aboutVm(uuid) {
      task.vmUuid = uuid.toLowerCase();
      write(() => db.task.update({ where: { id: task.id }, data: { vmUuid: task.vmUuid } }));
    },
  };
  entry.run = run;
  running().set(task.id, entry);
  run.log(firstLine);

  let state: TaskState = "succeeded";
  let error: string | null = null;
  let result: unknown = null;
  try {
    result = (await body(run)) ?? null;
    if (entry.cancelledBy) run.log("The task finished before the cancel took effect");
  } catch (e) {
    state = entry.cancelledBy ? "cancelled" : "failed";
    error = entry.cancelledBy ? `Cancelled by ${entry.cancelledBy}` : toActionError(e);
    if (entry.cancelledBy && !(e as Error | null)?.name?.includes("TaskCancelled"))
      run.log(`Stopped: ${toActionError(e)}`, "warn");
  } finally {
    running().delete(task.id);
    if (publishTimer) clearTimeout(publishTimer);
  }
  if (state === "succeeded" && task.total !== null) task.done = task.total;
  run.log(
    state === "succeeded" ? "Done" : (error ?? state),
    state === "succeeded" ? "info" : "error",
  );
  task.state = state;
  task.error = error;
  task.result = result;
  task.endedAt = new Date().toISOString();
  await write(() =>
    db.task.update({
      where: { id: task.id },
      data: {
        state,
        error,
        result: result === null ? null : JSON.stringify(result),
        phase: task.phase,
        done: task.done,
        total: task.total,
        unit: task.unit,
        endedAt: new Date(task.endedAt as string),
      },
    }),
  );
  announce();
  // The start was audited when it was asked for; an end that is not a success is a row too.
  if (state !== "succeeded" && auditEnd)
    await recordAudit({
      user: user.userId ? user : null,
      action: kind,
      target: task.objectLabel,
      objectPath: null,
      outcome: state === "cancelled" ? "refused" : "error",
      detail: `task ${task.id} ${state}: ${error}`,
    }).catch((e: unknown) => console.error(`[virtdeck] task audit: ${toActionError(e)}`));
  return { ...task };
}

/** Asks a running task to stop; refuses, in words, one that cannot. */
export async function cancelTask(id: string, by: SessionUser): Promise<TaskSummary> {
  const entry = running().get(id);
  const row = await db.task.findUnique({ where: { id } });
  if (!row) throw new AppError("not_found", "No such task");
  const task = taskSummary(row);
  if (isFinished(task.state)) throw new AppError("conflict", `The task has already ${task.state}`);
  if (!task.cancellable) throw new AppError("conflict", "This task cannot be cancelled");
  if (!entry) throw new AppError("conflict", "This task is not running in this server process");
  await stopRunning(id, by.username);
  return task;
}

/** Marks a running task cancelled by `by` and runs its cancel hooks (its children's too). */
async function stopRunning(id: string, by: string): Promise<void> {
  const entry = running().get(id);
  if (!entry || entry.cancelledBy) return;
  entry.cancelledBy = by;
  entry.run.log(`Cancel asked by ${by}`, "warn");
  entry.controller.abort();
  for (const hook of entry.hooks)
    await Promise.resolve()
      .then(hook)
      .catch(() => undefined);
}

/**
 * At server start: tasks left running by the process before this one. Each kind may follow its
 * task again (a migration still running on its host); the rest become "interrupted".
 */
export async function recoverTasks(
  followers: Record<string, (task: TaskSummary) => Promise<boolean>> = {},
): Promise<{ interrupted: number; followed: number }> {
  const rows = await db.task.findMany({ where: { state: { in: ["queued", "running"] } } });
  let interrupted = 0;
  let followed = 0;
  for (const row of rows) {
    const task = taskSummary(row);
    const follow = followers[task.kind];
    if (follow && (await follow(task).catch(() => false))) {
      followed += 1;
      continue;
    }
    interrupted += 1;
    const known =
      task.phase || task.total !== null
        ? ` (last seen: ${[task.phase, task.total !== null ? `${task.done ?? 0} of ${task.total} ${task.unit ?? ""}`.trim() : null].filter(Boolean).join(", ")})`
        : "";
    await db.task.update({
      where: { id: task.id },
      data: {
        state: "interrupted",
        endedAt: new Date(),
        error: `The server stopped while this task ran${known}`,
        logs: { create: { level: "error", line: `Interrupted: the server stopped${known}` } },
      },
    });
  }
  return { interrupted, followed };
}
