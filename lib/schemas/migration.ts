// Inputs of a migration (and of its pre-flight check, which takes the same fields).
import { z } from "zod";
import { poolNameSchema } from "./storage";

const networkName = z.string().min(1).max(64);

/** The choices as the dialog's pre-flight check takes them (a pool may still be unchosen). */
export const migrationCheckSchema = z.object({
  id: z.string().min(1),
  target: z.string().min(1, "target: choose the host to migrate to"),
  /** shared: the disks are at the same paths on both hosts; copy: copy every disk to the target's pool. */
  storage: z.enum(["shared", "copy"], { message: "storage: shared or copy" }).default("shared"),
  /** The target's pool the copied disks go to (storage: copy). */
  pool: poolNameSchema.optional(),
  /** Keep the VM defined on the target and remove it from the source; false: a temporary move. */
  persist: z.boolean().default(true),
  autoConverge: z.boolean().default(false),
  /** Switch to post-copy when the memory copy does not converge. */
  postCopy: z.boolean().default(false),
  /** MiB/s; 0 or absent: no limit. */
  bandwidthMib: z.coerce
    .number()
    .int("bandwidthMib: a whole number of MiB/s")
    .min(0, "bandwidthMib: 0 or more")
    .max(100_000, "bandwidthMib: at most 100000")
    .optional(),
  /** The longest pause at the switch-over, in ms. */
  maxDowntimeMs: z.coerce
    .number()
    .int("maxDowntimeMs: a whole number of milliseconds")
    .min(1, "maxDowntimeMs: at least 1")
    .max(60_000, "maxDowntimeMs: at most 60000")
    .optional(),
  /** The target's network for each of the VM's networks whose name differs there. */
  networks: z.record(networkName, networkName).default({}),
});

export const migrateVmSchema = migrationCheckSchema.refine((m) => m.storage !== "copy" || m.pool, {
  message: "pool: choose the target's pool for the copied disks",
  path: ["pool"],
});

export type MigrateVmInput = z.infer<typeof migrationCheckSchema>;

/** How many migrations an evacuation or a multi-VM migration runs at once. */
const concurrency = z.coerce
  .number()
  .int("concurrency: a whole number")
  .min(1, "concurrency: at least 1")
  .max(4, "concurrency: at most 4")
  .default(2);

/** What every VM of an evacuation or a multi-VM migration is migrated with. */
const manyFields = {
  storage: migrationCheckSchema.shape.storage,
  pool: poolNameSchema.optional(),
  autoConverge: z.boolean().default(false),
  concurrency,
};

const poolForCopies = <T extends { storage: string; pool?: string | undefined }>(m: T) =>
  m.storage !== "copy" || Boolean(m.pool);
const poolMessage = {
  message: "pool: choose the target's pool for the copied disks",
  path: ["pool"],
};

export const evacuateHostSchema = z
  .object({
    id: z.string().min(1).max(64),
    /** The host every VM goes to; absent: each to the host with the most free memory that passes the checks. */
    target: z.string().min(1).max(64).optional(),
    /** Shut-off VMs too (their definitions move, and their disks are copied when storage is copy). */
    includeStopped: z.boolean().default(false),
    /** Put the host in maintenance first, so nothing new lands on it meanwhile. */
    maintenance: z.boolean().default(true),
    ...manyFields,
  })
  .refine(poolForCopies, poolMessage);

export const migrateManySchema = z
  .object({
    ids: z
      .array(z.string().min(1).max(64))
      .min(1, "ids: choose at least one VM")
      .max(100, "ids: at most 100 VMs at once"),
    target: z.string().min(1, "target: choose the host to migrate to").max(64),
    ...manyFields,
  })
  .refine(poolForCopies, poolMessage);

export type EvacuateHostInput = z.infer<typeof evacuateHostSchema>;
export type MigrateManyInput = z.infer<typeof migrateManySchema>;
