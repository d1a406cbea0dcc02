// Inputs of the changes made to an existing VM.
import { z } from "zod";
import { hostPathSchema, vmNameSchema } from "./vm-create";

export const deleteVmSchema = z.object({
  id: z.string().min(1),
  /** Shut a running VM off first (a hard power-off); without it a running VM is refused. */
  force: z.boolean().default(false),
  /** Host paths of the VM's own disk volumes to delete as well. */
  volumes: z.array(hostPathSchema).max(64).default([]),
});

export type DeleteVmInput = z.infer<typeof deleteVmSchema>;

export const cloneVmSchema = z.object({
  id: z.string().min(1),
  name: vmNameSchema,
  start: z.boolean().default(false),
});

export type CloneVmInput = z.infer<typeof cloneVmSchema>;
