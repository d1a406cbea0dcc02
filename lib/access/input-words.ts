// zod's default messages in words that read after a field's name: "vCPUs: at most 256" rather
// than "Too big: expected number to be <=256". A schema's own message always wins (zod asks
// this map only for issues without one); anything not listed keeps zod's wording.
import type { z } from "zod";

type Issue = z.core.$ZodRawIssue;

const TYPES: Record<string, string> = {
  number: "a number",
  int: "a whole number",
  bigint: "a whole number",
  string: "text",
  boolean: "true or false",
  array: "a list",
  object: "an object",
  date: "a date",
};

const UNITS: Record<string, [string, string]> = {
  string: ["character", "characters"],
  array: ["item", "items"],
  set: ["item", "items"],
  file: ["byte", "bytes"],
};

function count(n: unknown, origin: unknown): string {
  const unit = UNITS[String(origin)];
  if (!unit) return String(n);
  return `${n} ${n === 1 ? unit[0] : unit[1]}`;
}

function listed(values: readonly unknown[]): string {
  const words = values.map((v) => (typeof v === "string" ? v : JSON.stringify(v)));
  if (words.length === 1) return `only ${words[0]}`;
  return `one of ${words.slice(0, -1).join(", ")} or ${words.at(-1)}`;
}

/** The words for one issue zod raised without a message of the schema's, or undefined. */
export function inWords(issue: Issue): string | undefined {
  switch (issue.code) {
    case "invalid_type":
      if (issue.input === undefined) return "required";
      return TYPES[issue.expected];
    case "too_big":
      return issue.inclusive === false
        ? `less than ${count(issue.maximum, issue.origin)}`
        : `at most ${count(issue.maximum, issue.origin)}`;
    case "too_small":
      if (issue.origin === "string" && issue.minimum === 1) return "required";
      return issue.inclusive === false
        ? `more than ${count(issue.minimum, issue.origin)}`
        : `at least ${count(issue.minimum, issue.origin)}`;
    case "invalid_value":
      return issue.values.length > 0 ? listed(issue.values) : undefined;
    default:
      return undefined;
  }
}
