// /api/v1/tasks: the task log (long actions answer 202 with one of these).
import { cancelTaskOp, getTaskOp, listTasksOp } from "@/lib/tasks/operations";
import { type RouteSpec, taskAccepted } from "../route";

export const taskRoutes = {
  "GET /api/v1/tasks": {
    operation: listTasksOp,
    query: ["state", "kind", "vm", "host", "parent", "limit"],
  },
  "GET /api/v1/tasks/{id}": { operation: getTaskOp },
  "POST /api/v1/tasks/{id}/cancel": { operation: cancelTaskOp, status: 202 },
} satisfies Record<string, RouteSpec>;

/** The route of an operation that always starts a task: 202 with it. */
export const acceptedTask = { status: 202, respond: taskAccepted } as const;
