import { z } from "zod";
import { libvirtUriSchema } from "./libvirt-uri";

export const hostNameSchema = z
  .string()
  .trim()
  .min(1, "Enter a name for the host")
  .max(64, "Keep the name to 64 characters")
  .regex(
    /^[\p{L}\p{N}][\p{L}\p{N} ._-]*$/u,
    "Use letters, digits, spaces, dots, dashes and underscores",
  );

/** An empty form field means "not given". */
const optional = <S extends z.ZodType>(schema: S) =>
  z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
    schema.optional(),
  );

const sshUserSchema = z
  .string()
  .trim()
  .max(64, "Keep the SSH user to 64 characters")
  .regex(
    /^[a-z_][a-z0-9_.-]*\$?$/i,
    "An SSH user name is letters, digits, dots, dashes, underscores",
  );

/** A private key as pasted or uploaded (OpenSSH or PEM); checked for real when it is parsed. */
const privateKeySchema = z
  .string()
  .max(16_384, "That is too long to be an SSH private key")
  .refine((v) => v.includes("PRIVATE KEY-----"), {
    message: "Paste the private key itself (it starts with -----BEGIN … PRIVATE KEY-----)",
  })
  .transform((v) => `${v.trim().replace(/\r\n/g, "\n")}\n`);

/** A host key in OpenSSH "type base64" form, as accepted after a test connection. */
export const sshHostKeySchema = z
  .string()
  .trim()
  .max(8_192)
  .regex(/^[a-z0-9@.-]+ [A-Za-z0-9+/]+={0,2}$/, "Not an SSH host key (expected 'type base64')");

const connectionFields = {
  uri: libvirtUriSchema,
  sshUser: optional(sshUserSchema),
  privateKey: optional(privateKeySchema),
  sshHostKey: optional(sshHostKeySchema),
};

export const createHostSchema = z.object({ name: hostNameSchema, ...connectionFields });
export type CreateHostInput = z.infer<typeof createHostSchema>;

/** What "Test connection" needs: the connection fields, and for an edit the host (its stored key). */
export const testHostSchema = z.object({ ...connectionFields, id: optional(z.string().max(64)) });
export type TestHostInput = z.infer<typeof testHostSchema>;

/** An edit: an empty private key keeps the stored one. */
export const updateHostSchema = z.object({
  id: z.string().min(1).max(64),
  name: hostNameSchema,
  ...connectionFields,
});
export type UpdateHostInput = z.infer<typeof updateHostSchema>;

export const hostIdSchema = z.object({ id: z.string().min(1).max(64) });

/** Where other hosts reach this one for migrations (both optional: empty clears). */
export const hostMigrationSchema = z.object({
  id: z.string().min(1).max(64),
  /** The libvirt URI the other hosts' daemons dial for a peer-to-peer migration. */
  migrationUri: optional(libvirtUriSchema),
  /** QEMU's migration stream goes here: tcp://address[:port]. */
  migrationAddress: optional(
    z
      .string()
      .trim()
      .max(255)
      .regex(
        /^tcp:\/\/(\[[0-9a-f:]+\]|[a-z0-9.-]+)(:\d{1,5})?$/i,
        "migrationAddress: tcp://address or tcp://address:port",
      ),
  ),
});
export type HostMigrationInput = z.infer<typeof hostMigrationSchema>;

export const hostMaintenanceSchema = z.object({
  id: z.string().min(1).max(64),
  maintenance: z.boolean({ message: "maintenance: true or false" }),
});
