// Inputs of the changes made to an existing VM.
import { XMLValidator } from "fast-xml-parser";
import { z } from "zod";
import { diskSizeGibSchema, hostPathSchema, vmNameSchema } from "./vm-create";

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

export const vmResourcesSchema = z.object({
  id: z.string().min(1),
  vcpus: z.coerce.number().int("vCPUs: a whole number").min(1, "vCPUs: at least 1").max(256),
  memoryMib: z.coerce
    .number()
    .int("Memory: a whole number of MiB")
    .min(32, "Memory: at least 32 MiB")
    .max(4 * 1024 * 1024, "Memory: at most 4 TiB"),
});

export const vmRenameSchema = z.object({ id: z.string().min(1), name: vmNameSchema });

export const vmDescriptionSchema = z.object({
  id: z.string().min(1),
  title: z.string().max(200).default(""),
  description: z.string().max(4000).default(""),
});

/** Well-formed before anything reads it: the permission check looks into the XML. */
const domainXmlSchema = z
  .string()
  .min(1, "The XML is empty")
  .max(1_000_000)
  .superRefine((xml, ctx) => {
    const wellFormed = XMLValidator.validate(xml);
    if (wellFormed !== true)
      ctx.addIssue({
        code: "custom",
        message: `XML: not well-formed (line ${wellFormed.err.line}): ${wellFormed.err.msg}`,
      });
  });

export const vmXmlSchema = z.object({ id: z.string().min(1), xml: domainXmlSchema });

export const vmCdromSchema = z.object({
  id: z.string().min(1),
  target: z.string().regex(/^[a-z]{2,3}[a-z0-9]{1,4}$/, "Unknown CD-ROM drive"),
  /** A host path to insert, or "" to eject. */
  path: hostPathSchema.or(z.literal("")),
});

export type VmResourcesInput = z.infer<typeof vmResourcesSchema>;

export const attachDiskSchema = z.object({
  id: z.string().min(1),
  source: z.discriminatedUnion("mode", [
    z.object({
      mode: z.literal("new"),
      pool: z.string().trim().min(1, "Choose a pool").max(200),
      sizeGib: diskSizeGibSchema,
      format: z.enum(["qcow2", "raw"]).default("qcow2"),
    }),
    z.object({ mode: z.literal("existing"), path: hostPathSchema }),
  ]),
  bus: z.enum(["virtio", "sata"]).default("virtio"),
});

export const detachDiskSchema = z.object({
  id: z.string().min(1),
  target: z.string().regex(/^[a-z]{2,3}[a-z0-9]{1,4}$/, "Unknown disk"),
});

export const bootOrderSchema = z.object({
  id: z.string().min(1),
  order: z
    .array(z.enum(["hd", "cdrom", "network"]))
    .min(1, "Choose at least one boot device")
    .max(3),
});

export type AttachDiskInput = z.infer<typeof attachDiskSchema>;
