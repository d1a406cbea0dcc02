// Inputs of VM snapshots (actions and /api/v1/vms/{id}/snapshots).
import { z } from "zod";

export const snapshotNameSchema = z
  .string()
  .trim()
  .min(1, "Name is required")
  .max(64, "Name: at most 64 characters")
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]*$/,
    "Name: letters, digits, '.', '_' and '-' only, starting with a letter or digit",
  );

export const createSnapshotSchema = z.object({
  id: z.string().min(1),
  name: snapshotNameSchema,
  description: z.string().max(4000).optional().default(""),
  /** Include the memory of a running VM (ignored when it is shut off). */
  memory: z.boolean().default(true),
});

export const snapshotRefSchema = z.object({ id: z.string().min(1), name: snapshotNameSchema });

export type CreateSnapshotInput = z.infer<typeof createSnapshotSchema>;
