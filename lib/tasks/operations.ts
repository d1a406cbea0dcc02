// The task log's operations: list, one task with its log, cancel.
import { operation } from "@/lib/access/operation";
import { AppError } from "@/lib/errors";
import { taskIdSchema, taskListQuerySchema } from "@/lib/schemas/tasks";
import { getTask, listTasks } from "./query";
import { cancelTask } from "./run-task";

const VISIBLE = "Any signed-in user; their own tasks and those on objects they may see";

export const listTasksOp = operation({
  name: "task.list",
  summary: "Tasks, newest first; filter with state (or active), kind, vm (UUID), host, limit",
  input: taskListQuerySchema,
  access: { filtered: "VM.Audit", describe: VISIBLE },
  audit: false,
  run: async (query, { access }) => ({ tasks: await listTasks(access, query) }),
});

export const getTaskOp = operation({
  name: "task.get",
  summary: "One task with its log",
  input: taskIdSchema,
  access: { filtered: "VM.Audit", describe: VISIBLE },
  audit: false,
  run: async ({ id }, { access }) => ({ task: await getTask(access, id) }),
});

export const cancelTaskOp = operation({
  name: "task.cancel",
  summary: "Asks a running task to stop (its starter, or Sys.Modify on its host)",
  input: taskIdSchema,
  access: {
    filtered: "Sys.Modify",
    describe: "The task's starter, or Sys.Modify on the task's host (or on / for others)",
  },
  audit: true,
  run: async ({ id }, { access, user, audit }) => {
    const task = await getTask(access, id);
    audit.target = task.title;
    audit.detail = `task ${id}`;
    const on = task.hostId
      ? { kind: "host" as const, hostId: task.hostId }
      : { kind: "root" as const };
    if (task.userId !== user.userId && !access.can("Sys.Modify", on))
      throw new AppError(
        "forbidden",
        "Permission denied: cancelling another user's task needs Sys.Modify on its host",
      );
    return { task: await cancelTask(id, user) };
  },
});
