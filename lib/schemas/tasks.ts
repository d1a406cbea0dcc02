// Inputs of the task list, one task and its cancel.
import { z } from "zod";
import { TASK_STATES } from "@/lib/tasks/summary";

const STATE_FILTERS = ["active", ...TASK_STATES] as const;

export const taskListQuerySchema = z.object({
  /** One state, or "active" for queued and running ones. */
  state: z.enum(STATE_FILTERS, { message: `state: one of ${STATE_FILTERS.join(", ")}` }).optional(),
  kind: z.string().max(64).optional(),
  /** A VM's UUID: its history, wherever it ran. */
  vm: z.string().uuid("vm: a VM's UUID").optional(),
  host: z.string().max(64).optional(),
  /** A parent task's id: its children (an evacuation's migrations). */
  parent: z.string().uuid("parent: a task id (a UUID)").optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});
export type TaskListQuery = z.infer<typeof taskListQuerySchema>;

export const taskIdSchema = z.object({ id: z.string().uuid("id: a task id (a UUID)") });
