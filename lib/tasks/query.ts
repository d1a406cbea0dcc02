// Reading tasks: the ones a caller may follow (their own, and those on objects they may see),
// newest first, filtered by state, kind, VM, host or parent task.
import type { Access } from "@/lib/access/access";
import { mayFollowTask } from "@/lib/access/live-filter";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { TaskListQuery } from "@/lib/schemas/tasks";
import { type TaskDetail, type TaskSummary, taskLine, taskSummary } from "./summary";

/** How many rows are read to fill one page when most are not the caller's to see. */
const SCAN = 2000;

export async function listTasks(access: Access, query: TaskListQuery): Promise<TaskSummary[]> {
  const where: Prisma.TaskWhereInput = {};
  if (query.state === "active") where.state = { in: ["queued", "running"] };
  else if (query.state) where.state = query.state;
  if (query.kind) where.kind = query.kind;
  if (query.vm) where.vmUuid = query.vm.toLowerCase();
  if (query.host) where.hostId = query.host;
  if (query.parent) where.parentId = query.parent;
  const rows = await db.task.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: SCAN,
  });
  return rows
    .map(taskSummary)
    .filter((t) => mayFollowTask(access, t))
    .slice(0, query.limit);
}

/** One task with its whole log; one the caller may not follow is "not found". */
export async function getTask(access: Access, id: string): Promise<TaskDetail> {
  const row = await db.task.findUnique({
    where: { id },
    include: { logs: { orderBy: { id: "asc" } } },
  });
  const task = row ? taskSummary(row) : null;
  if (!row || !task || !mayFollowTask(access, task))
    throw new AppError("not_found", "No such task");
  return { ...task, log: row.logs.map(taskLine) };
}
