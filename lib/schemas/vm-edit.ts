// Inputs of the changes made to an existing VM.
import { z } from "zod";
import { hostPathSchema } from "./vm-create";

export const deleteVmSchema = z.object({
  id: z.string().min(1),
  /** Shut a running VM off first (a hard power-off); without it a running VM is refused. */
  force: z.boolean().default(false),
  /** Host paths of the VM's own disk volumes to delete as well. */
  volumes: z.array(hostPathSchema).max(64).default([]),
});

export type DeleteVmInput = z.infer<typeof deleteVmSchema>;
