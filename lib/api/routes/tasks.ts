// /api/v1/tasks: the task log (long actions answer 202 with one of these).
import { cancelTaskOp, getTaskOp, listTasksOp } from "@/lib/tasks/operations";
import type { TaskSummary } from "@/lib/tasks/summary";
import type { RouteSpec } from "../route";

export const taskRoutes = {
  "GET /api/v1/tasks": {
    operation: listTasksOp,
    query: ["state", "kind", "vm", "host", "parent", "limit"],
  },
  "GET /api/v1/tasks/{id}": { operation: getTaskOp },
  "POST /api/v1/tasks/{id}/cancel": { operation: cancelTaskOp, status: 202 },
} satisfies Record<string, RouteSpec>;

/** How a long action's route answers: 202 with the task, and where to follow it. */
export const acceptedTask = {
  status: 202,
  respond: (task: TaskSummary) =>
    Response.json({ task }, { status: 202, headers: { location: `/api/v1/tasks/${task.id}` } }),
} as const;
