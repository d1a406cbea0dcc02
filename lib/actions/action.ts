import "server-only";
import type { z } from "zod";
import { requireUser } from "@/lib/auth/current-user";
import type { SessionUser } from "@/lib/auth/session-store";
import { toActionError } from "@/lib/errors";

import type { ActionResult } from "./result";

export type { ActionResult };

type Handler<S extends z.ZodType, T> = (input: z.infer<S>, user: SessionUser) => Promise<T>;

function validate<S extends z.ZodType>(schema: S, raw: unknown) {
  const input = raw instanceof FormData ? Object.fromEntries(raw) : raw;
  return schema.safeParse(input);
}

function invalid(error: z.ZodError): ActionResult<never> {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "_";
    fieldErrors[key] = [...(fieldErrors[key] ?? []), issue.message];
  }
  return { ok: false, error: error.issues[0]?.message ?? "Invalid input", fieldErrors };
}

/**
 * Wraps every server action an operator can call: the session is checked first (before the input
 * is even parsed), then the input is validated with zod, and errors become one message.
 */
export function authedAction<S extends z.ZodType, T>(schema: S, handler: Handler<S, T>) {
  return async (raw: unknown): Promise<ActionResult<T>> => {
    const user = await requireUser();
    const parsed = validate(schema, raw);
    if (!parsed.success) return invalid(parsed.error);
    try {
      return { ok: true, data: await handler(parsed.data, user) };
    } catch (error) {
      return { ok: false, error: toActionError(error) };
    }
  };
}

/** For the few actions a signed-out visitor may call (signing in), or that allow a pending password change. */
export function openAction<S extends z.ZodType, T>(
  schema: S,
  handler: (input: z.infer<S>) => Promise<T>,
) {
  return async (raw: unknown): Promise<ActionResult<T>> => {
    const parsed = validate(schema, raw);
    if (!parsed.success) return invalid(parsed.error);
    try {
      return { ok: true, data: await handler(parsed.data) };
    } catch (error) {
      return { ok: false, error: toActionError(error) };
    }
  };
}
