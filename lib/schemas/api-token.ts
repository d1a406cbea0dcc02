import { z } from "zod";

export const createApiTokenSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, "Name the token after what uses it")
    .max(64, "Keep the name to 64 characters"),
});
export const apiTokenIdSchema = z.object({ id: z.string().min(1).max(64) });
