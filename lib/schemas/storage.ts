import { z } from "zod";
import { MAX_SIZE_BYTES, parseSize } from "@/lib/storage/sizes";

const NAME_RULE = /^[A-Za-z0-9][A-Za-z0-9_.+-]*$/;

/**
 * Pool and volume names become file and directory names on the host: no path separators, no
 * leading dot (no "..", no hidden files), nothing XML or a shell would read specially.
 */
function objectName(what: string, max: number) {
  return z
    .string({ error: `Give the ${what} a name` })
    .trim()
    .min(1, `Give the ${what} a name`)
    .max(max, `Keep the ${what} name to ${max} characters`)
    .refine((s) => !s.includes("/") && !s.includes("\\"), {
      message: `The ${what} name may not contain / or \\ (it is a file name, not a path)`,
      abort: true,
    })
    .refine((s) => !s.startsWith("."), {
      message: `The ${what} name may not start with a dot`,
      abort: true,
    })
    .regex(
      NAME_RULE,
      `The ${what} name may use letters, digits and . _ + - (starting with a letter or digit)`,
    );
}

export const poolNameSchema = objectName("pool", 50);
export const volumeNameSchema = objectName("volume", 100);

/** A size with a unit ("20G", "512 MiB") or a number of bytes; becomes bytes. */
export const sizeSchema = z
  .union([z.string(), z.number()], { error: "Give a size, like 20G or 512 MiB" })
  .transform((value, ctx) => {
    const raw = String(value).trim();
    if (raw.startsWith("-")) {
      ctx.addIssue({ code: "custom", message: "The size must be positive" });
      return z.NEVER;
    }
    const bytes = typeof value === "number" ? value : parseSize(raw);
    if (bytes === null || !Number.isSafeInteger(bytes) || bytes <= 0) {
      ctx.addIssue({
        code: "custom",
        message: "Give a positive size with a unit: K, M, G, T (or KiB, MiB, GiB, TiB)",
      });
      return z.NEVER;
    }
    if (bytes > MAX_SIZE_BYTES) {
      ctx.addIssue({ code: "custom", message: "That size is too large" });
      return z.NEVER;
    }
    return bytes;
  });

const hostId = z.string().min(1).max(64);
const absPath = z
  .string()
  .trim()
  .max(4096)
  .regex(/^\/[^\0<>&"']*$/, "Give an absolute path (starting with /) without < > & \" '")
  .refine((p) => !p.split("/").includes(".."), "The path may not contain ..");

export const poolRefSchema = z.object({ hostId, pool: poolNameSchema });
export type PoolRefInput = z.infer<typeof poolRefSchema>;
export const volumeRefSchema = poolRefSchema.extend({ volume: volumeNameSchema });
export type VolumeRefInput = z.infer<typeof volumeRefSchema>;

export const POOL_TYPES = ["dir", "logical", "netfs"] as const;
export type PoolType = (typeof POOL_TYPES)[number];

/** A directory pool is the everyday case; logical (LVM) and netfs (NFS) are advanced. */
export const createPoolSchema = z.discriminatedUnion("type", [
  z.object({ hostId, type: z.literal("dir"), name: poolNameSchema, path: absPath, ...flags() }),
  z.object({
    hostId,
    type: z.literal("logical"),
    name: poolNameSchema,
    /** The volume group's name; an existing one, or created from `device` by build. */
    vgName: poolNameSchema,
    device: z.union([z.literal(""), absPath]).default(""),
    ...flags(),
  }),
  z.object({
    hostId,
    type: z.literal("netfs"),
    name: poolNameSchema,
    server: z
      .string()
      .trim()
      .min(1, "Give the NFS server")
      .max(253)
      .regex(/^[A-Za-z0-9.:-]+$/, "The server is a host name or IP address"),
    exportPath: absPath,
    path: absPath,
    ...flags(),
  }),
]);
export type CreatePoolInput = z.infer<typeof createPoolSchema>;

function flags() {
  return {
    build: z.boolean().default(true),
    start: z.boolean().default(true),
    autostart: z.boolean().default(true),
  };
}

export const POOL_ACTIONS = ["build", "start", "stop", "refresh", "autostart"] as const;
export const poolActionSchema = poolRefSchema.extend({
  action: z.enum(POOL_ACTIONS, {
    error: "The action must be build, start, stop, refresh or autostart",
  }),
  on: z.boolean().default(true),
});
export type PoolActionInput = z.infer<typeof poolActionSchema>;

export const deletePoolSchema = poolRefSchema.extend({
  /** Also delete the pool's directory or volume group (virsh pool-delete). */
  deleteStorage: z.boolean().default(false),
});

export const VOLUME_FORMATS = ["qcow2", "raw"] as const;

export const createVolumeSchema = poolRefSchema.extend({
  name: volumeNameSchema,
  format: z.enum(VOLUME_FORMATS, { error: "The format must be qcow2 or raw" }).default("qcow2"),
  capacity: sizeSchema,
  /** A volume of the same pool to use as the qcow2 backing file (empty: none). */
  backing: z.union([z.literal(""), volumeNameSchema]).default(""),
});
export type CreateVolumeInput = z.infer<typeof createVolumeSchema>;

export const resizeVolumeSchema = volumeRefSchema.extend({
  capacity: sizeSchema,
  /** Shrinking cuts off the end of the disk: it must be asked for explicitly. */
  shrink: z.boolean().default(false),
});
export const cloneVolumeSchema = volumeRefSchema.extend({
  name: volumeNameSchema,
});
export const deleteVolumeSchema = volumeRefSchema;

/** Query of an upload: the new volume's name and format (the size is the Content-Length). */
export const uploadVolumeSchema = poolRefSchema.extend({
  name: volumeNameSchema,
  format: z.enum(["raw", "qcow2", "iso"]).default("raw"),
  size: sizeSchema,
});
export type UploadVolumeInput = z.infer<typeof uploadVolumeSchema>;
