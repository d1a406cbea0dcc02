// The fields of the create-VM wizard and of POST /api/v1/vms. Names and paths are refused here
// when they could escape into markup or the file system; free text (title, description, kernel
// command line) is allowed and stored literally (the XML builder escapes it).
import { z } from "zod";

/** libvirt accepts almost any name; we keep to names that are also safe volume file names. */
export const vmNameSchema = z
  .string()
  .trim()
  .min(1, "Name is required")
  .max(64, "Name: at most 64 characters")
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]*$/,
    "Name: letters, digits, '.', '_' and '-' only, starting with a letter or digit",
  );

/** An absolute path on the host: no '..' segments, no control characters. */
export const hostPathSchema = z
  .string()
  .trim()
  .min(1, "Path is required")
  .max(4096)
  .refine((p) => p.startsWith("/"), "Path must be absolute (start with /)")
  .refine((p) => !p.split("/").includes(".."), "Path must not contain '..'")
  .refine(
    (p) => ![...p].some((c) => c.charCodeAt(0) < 32 || c.charCodeAt(0) === 127),
    "Path must not contain control characters",
  );

const MAX_DISK_GIB = 65_536;

export const diskSizeGibSchema = z.coerce
  .number({ message: "Disk size must be a number" })
  .refine(Number.isFinite, "Disk size must be a number")
  .positive("Disk size must be more than 0 GiB")
  .max(MAX_DISK_GIB, `Disk size: at most ${MAX_DISK_GIB} GiB`);

export const vmSourceSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("iso"), isoPath: hostPathSchema }),
  z.object({ kind: z.literal("import"), diskPath: hostPathSchema }),
  z.object({
    kind: z.literal("kernel"),
    kernel: hostPathSchema,
    initrd: hostPathSchema.optional().or(z.literal("")),
    cmdline: z.string().max(2048).optional().default(""),
  }),
]);

export const vmDiskSchema = z.discriminatedUnion("mode", [
  z.object({ mode: z.literal("none") }),
  z.object({
    mode: z.literal("new"),
    pool: z.string().trim().min(1, "Choose a pool").max(200),
    sizeGib: diskSizeGibSchema,
    format: z.enum(["qcow2", "raw"]).default("qcow2"),
  }),
  z.object({ mode: z.literal("existing"), path: hostPathSchema }),
]);

export const createVmSchema = z.object({
  hostId: z.string().min(1, "Choose a host"),
  name: vmNameSchema,
  title: z.string().max(200).optional().default(""),
  description: z.string().max(4000).optional().default(""),
  os: z.enum(["linux", "windows", "other"]).default("linux"),
  /** A libosinfo OS id (http://debian.org/debian/12), recorded in the domain's metadata. */
  osinfoId: z
    .string()
    .trim()
    .max(300)
    .regex(/^(https?:\/\/[A-Za-z0-9._~:/?#@!$&'()*+,;=%-]+)?$/, "osinfoId: a libosinfo OS id")
    .default(""),
  source: vmSourceSchema,
  vcpus: z.coerce.number().int("vCPUs: a whole number").min(1, "vCPUs: at least 1").max(256),
  cpuMode: z.enum(["host-passthrough", "default"]).default("default"),
  memoryMib: z.coerce
    .number()
    .int("Memory: a whole number of MiB")
    .min(32, "Memory: at least 32 MiB")
    .max(4 * 1024 * 1024, "Memory: at most 4 TiB"),
  firmware: z.enum(["bios", "uefi"]).default("bios"),
  disk: vmDiskSchema.default({ mode: "none" }),
  diskBus: z.enum(["virtio", "sata"]).default("virtio"),
  network: z.string().max(200).optional().default(""),
  vnc: z.boolean().default(true),
  serial: z.boolean().default(true),
  domainType: z.enum(["kvm", "qemu"]),
  start: z.boolean().default(false),
});

export type CreateVmInput = z.infer<typeof createVmSchema>;
export type CreateVmFields = z.input<typeof createVmSchema>;
