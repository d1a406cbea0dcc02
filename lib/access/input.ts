// The one parser of inputs (server actions, API routes, WebSocket messages): zod, and the first
// problem as a sentence that names its field, with every field's problems beside it for forms.
import type { z } from "zod";
import { AppError } from "@/lib/errors";
import { inWords } from "./input-words";

/** A message that already starts with its field's name ("vCPUs: at least 1") keeps its words. */
const NAMES_ITS_FIELD = /^[\p{L}][\p{L}\p{N} ._()/-]{0,30}: /u;

/** A lone UTF-16 surrogate ("\ud800" in JSON): not text, and the database refuses to store it. */
const LONE_SURROGATE = /\p{Cs}/u;

/** The path of the first string of a parsed input that holds a lone surrogate, or null. */
function notTextAt(value: unknown): string | null {
  const stack: [unknown, string][] = [[value, ""]];
  while (stack.length > 0) {
    const [v, path] = stack.pop()!;
    if (typeof v === "string") {
      if (LONE_SURROGATE.test(v)) return path || "_";
    } else if (Array.isArray(v) || (v && Object.getPrototypeOf(v) === Object.prototype)) {
      for (const [k, x] of Object.entries(v)) stack.push([x, path ? `${path}.${k}` : k]);
    }
  }
  return null;
}

export function parseInput<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  // zod's own wording ("Too big: expected number to be <=256") only where a schema gave none.
  const parsed = schema.safeParse(raw, { error: inWords });
  if (parsed.success) {
    // Checked on what the schema kept, so the walk is as deep as the schema and no deeper.
    const at = notTextAt(parsed.data);
    if (at === null) return parsed.data;
    const problem = "text that is not valid Unicode (a lone surrogate)";
    throw new AppError("invalid", `${at}: ${problem}`, { [at]: [problem] });
  }
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
