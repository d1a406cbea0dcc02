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
  .max(4096, "Path: at most 4096 characters")
  .refine((p) => p.startsWith("/"), "Path must be absolute (start with /)")
  .refine((p) => !p.split("/").includes(".."), "Path must not contain '..'")
  .refine(
    (p) => ![...p].some((c) => c.charCodeAt(0) < 32 || c.charCodeAt(0) === 127),
    "Path must not contain control characters",
  );

const MAX_DISK_GIB = 65_536;
/** libvirt's own ceilings for the wizard's figures; a host's machine type may allow fewer vCPUs. */
export const MAX_VCPUS = 256;
export const MAX_MEMORY_MIB = 4 * 1024 * 1024;

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
    cmdline: z
      .string()
      .max(2048, "Kernel command line: at most 2048 characters")
      .optional()
      .default(""),
  }),
]);

export const vmDiskSchema = z.discriminatedUnion("mode", [
  z.object({ mode: z.literal("none") }),
  z.object({
    mode: z.literal("new"),
    pool: z.string().trim().min(1, "Choose a pool").max(200, "Pool: at most 200 characters"),
    sizeGib: diskSizeGibSchema,
    format: z.enum(["qcow2", "raw"]).default("qcow2"),
  }),
  z.object({ mode: z.literal("existing"), path: hostPathSchema }),
]);

export const createVmSchema = z.object({
  hostId: z.string().min(1, "Choose a host"),
  name: vmNameSchema,
  title: z.string().max(200, "Title: at most 200 characters").optional().default(""),
  description: z.string().max(4000, "Description: at most 4000 characters").optional().default(""),
  os: z.enum(["linux", "windows", "other"]).default("linux"),
  /** A libosinfo OS id (http://debian.org/debian/12), recorded in the domain's metadata. */
  osinfoId: z
    .string()
    .trim()
    .max(300)
    .regex(/^(https?:\/\/[A-Za-z0-9._~:/?#@!$&'()*+,;=%-]+)?$/, "osinfoId: a libosinfo OS id")
    .default(""),
  source: vmSourceSchema,
  vcpus: z.coerce
    .number({ error: "vCPUs: a number" })
    .int("vCPUs: a whole number")
    .min(1, "vCPUs: at least 1")
    .max(MAX_VCPUS, `vCPUs: at most ${MAX_VCPUS}`),
  cpuMode: z.enum(["host-passthrough", "default"]).default("default"),
  memoryMib: z.coerce
    .number({ error: "Memory: a number of MiB" })
    .int("Memory: a whole number of MiB")
    .min(32, "Memory: at least 32 MiB")
    .max(MAX_MEMORY_MIB, "Memory: at most 4 TiB (4194304 MiB)"),
  firmware: z.enum(["bios", "uefi"]).default("bios"),
  disk: vmDiskSchema.default({ mode: "none" }),
  diskBus: z.enum(["virtio", "sata"]).default("virtio"),
  network: z.string().max(200, "Network: at most 200 characters").optional().default(""),
  vnc: z.boolean().default(true),
  serial: z.boolean().default(true),
  domainType: z.enum(["kvm", "qemu"]),
  start: z.boolean().default(false),
});

export type CreateVmInput = z.infer<typeof createVmSchema>;
export type CreateVmFields = z.input<typeof createVmSchema>;

/**
 * The wizard's steps and the fields each one asks for: the step check parses only these, with
 * the same rules as create (picked from createVmSchema), so a later step's empty field does not
 * refuse an earlier one.
 */
const STEP_MASKS = {
  name: { hostId: true, name: true, title: true, description: true },
  os: { hostId: true, os: true, osinfoId: true },
  source: { hostId: true, source: true },
  cpu: { hostId: true, vcpus: true, cpuMode: true, memoryMib: true, firmware: true },
  disk: { hostId: true, disk: true, diskBus: true },
  network: { hostId: true, network: true },
  display: { hostId: true, vnc: true, serial: true, domainType: true },
} as const satisfies Record<string, Partial<Record<keyof CreateVmFields, true>>>;

export type CreateVmStep = keyof typeof STEP_MASKS;

/** The fields of each step (the host aside: every step names it). */
export const CREATE_VM_STEPS = Object.fromEntries(
  Object.entries(STEP_MASKS).map(([step, mask]) => [
    step,
    Object.keys(mask).filter((k) => k !== "hostId"),
  ]),
) as Record<CreateVmStep, (keyof CreateVmFields)[]>;

/** One step's fields (and the host), for the check before Next. */
export const createVmStepSchema = z.discriminatedUnion("step", [
  createVmSchema.pick(STEP_MASKS.name).extend({ step: z.literal("name") }),
  createVmSchema.pick(STEP_MASKS.os).extend({ step: z.literal("os") }),
  createVmSchema.pick(STEP_MASKS.source).extend({ step: z.literal("source") }),
  createVmSchema.pick(STEP_MASKS.cpu).extend({ step: z.literal("cpu") }),
  createVmSchema.pick(STEP_MASKS.disk).extend({ step: z.literal("disk") }),
  createVmSchema.pick(STEP_MASKS.network).extend({ step: z.literal("network") }),
  createVmSchema.pick(STEP_MASKS.display).extend({ step: z.literal("display") }),
]);

export type CreateVmStepInput = z.infer<typeof createVmStepSchema>;

/** The step that asks for a field ("source.kernel" → "source"); the host is the first step's. */
export function stepOfField(field: string): CreateVmStep | null {
  const top = field.split(".")[0] ?? "";
  if (top === "hostId") return "name";
  const steps = Object.entries(CREATE_VM_STEPS) as [CreateVmStep, string[]][];
  return steps.find(([, fields]) => fields.includes(top))?.[0] ?? null;
}
