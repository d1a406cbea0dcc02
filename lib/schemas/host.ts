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

export const createHostSchema = z.object({
  name: hostNameSchema,
  uri: libvirtUriSchema,
});
export type CreateHostInput = z.infer<typeof createHostSchema>;

export const hostIdSchema = z.object({ id: z.string().min(1).max(64) });
