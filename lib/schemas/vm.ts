import { z } from "zod";

export const VM_ACTIONS = [
  "start",
  "shutdown",
  "destroy",
  "reboot",
  "reset",
  "suspend",
  "resume",
] as const;
export type VmAction = (typeof VM_ACTIONS)[number];

export const vmActionSchema = z.object({
  id: z.string().min(1).max(64),
  action: z.enum(VM_ACTIONS, { error: `The action must be one of ${VM_ACTIONS.join(", ")}` }),
});

export const vmAutostartSchema = z.object({
  id: z.string().min(1).max(64),
  autostart: z.boolean(),
});

export const vmBulkActionSchema = z.object({
  ids: z.array(z.string().min(1).max(64)).min(1, "Select at least one VM").max(1000),
  action: z.enum(["start", "shutdown", "forget"]),
});

const tag = z
  .string()
  .trim()
  .min(1)
  .max(32, "Keep tags to 32 characters")
  .regex(/^[\p{L}\p{N}._:-]+$/u, "Tags use letters, digits and . _ : -");

export const vmLabelsSchema = z.object({
  id: z.string().min(1).max(64),
  tags: z.array(tag).max(20, "At most 20 tags"),
  notes: z.string().max(5000, "Keep notes to 5000 characters"),
});

export const VM_STATES = [
  "running",
  "idle",
  "paused",
  "in shutdown",
  "shut off",
  "crashed",
  "pmsuspended",
  "gone",
] as const;

export const vmListQuerySchema = z.object({
  q: z.string().trim().max(200).optional(),
  host: z.string().max(64).optional(),
  state: z.enum(VM_STATES).optional(),
  tag: z.string().max(32).optional(),
});
export type VmListQuery = z.infer<typeof vmListQuerySchema>;

export const vmIdSchema = z.object({ id: z.string().min(1).max(64) });
