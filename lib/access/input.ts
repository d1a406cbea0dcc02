// The one parser of inputs (server actions, API routes, WebSocket messages): zod, and the first
// problem as a sentence that names its field, with every field's problems beside it for forms.
import type { z } from "zod";
import { AppError } from "@/lib/errors";

/** A message that already starts with its field's name ("vCPUs: at least 1") keeps its words. */
const NAMES_ITS_FIELD = /^[\p{L}][\p{L}\p{N} ._()/-]{0,30}: /u;

export function parseInput<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const fields: Record<string, string[]> = {};
  for (const issue of parsed.error.issues) {
    const key = issue.path.join(".") || "_";
    fields[key] = [...(fields[key] ?? []), issue.message];
  }
  const first = parsed.error.issues[0];
  const where = first?.path.join(".");
  const message = !first
    ? "Invalid input"
    : where && !NAMES_ITS_FIELD.test(first.message)
      ? `${where}: ${first.message}`
      : first.message;
  throw new AppError("invalid", message, fields);
}
