// Plausible values from the JSON Schemas of Virtdeck's own OpenAPI document: the starting
// points the API fuzzer mutates. Strings carry the marker "vdfuzz" so that anything a mutated
// body might still create is recognisable; names that must not exist stay made up.
import type { Prng } from "./prng";

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  allOf?: JsonSchema[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minItems?: number;
  pattern?: string;
  format?: string;
}

/** Strings tried in turn against a schema's pattern; the first that matches is used. */
const CANDIDATES = [
  "vdfuzz",
  "vdfuzz-1",
  "/vdfuzz",
  "/var/lib/libvirt/images/vdfuzz.qcow2",
  "10.99.0.1",
  "10.99.0.0/24",
  "52:54:00:00:00:01",
  "vda",
  "",
];

function stringFor(r: Prng, s: JsonSchema): string {
  if (s.format === "uuid") return "00000000-0000-4000-8000-00000000f022";
  if (s.format === "date-time") return "2026-01-01T00:00:00Z";
  let v = "vdfuzz";
  if (s.pattern) {
    const re = new RegExp(s.pattern, "u");
    v = CANDIDATES.find((c) => re.test(c)) ?? v;
  }
  if (s.minLength && v.length < s.minLength) v = v.padEnd(s.minLength, "z");
  if (s.maxLength !== undefined && v.length > s.maxLength) v = v.slice(0, s.maxLength);
  return r.chance(0.1) ? `${v}${r.int(10)}`.slice(0, s.maxLength ?? 100) : v;
}

function numberFor(s: JsonSchema, integer: boolean): number {
  const min = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : 0);
  const max = s.maximum ?? min + 100;
  const mid = min + (max - min) / 4;
  return integer ? Math.round(mid) : mid;
}

/** A value of schema `s`, with optional fields present most of the time. */
export function instanceOf(r: Prng, s: JsonSchema | undefined, depth = 0): unknown {
  if (!s || depth > 8) return null;
  if (s.const !== undefined) return s.const;
  if (s.enum) return r.pick(s.enum);
  const branches = s.oneOf ?? s.anyOf;
  if (branches) return instanceOf(r, r.pick(branches), depth + 1);
  if (s.allOf) return Object.assign({}, ...s.allOf.map((x) => instanceOf(r, x, depth + 1)));
  if (s.default !== undefined && r.chance(0.3)) return s.default;
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  switch (type) {
    case "string":
      return stringFor(r, s);
    case "integer":
      return numberFor(s, true);
    case "number":
      return numberFor(s, false);
    case "boolean":
      return r.chance(0.5);
    case "array":
      return Array.from({ length: Math.max(1, s.minItems ?? 1) }, () =>
        instanceOf(r, s.items, depth + 1),
      );
    case "object": {
      const out: Record<string, unknown> = {};
      for (const [k, sub] of Object.entries(s.properties ?? {}))
        if (s.required?.includes(k) || r.chance(0.7)) out[k] = instanceOf(r, sub, depth + 1);
      return out;
    }
    default:
      return s.properties ? instanceOf(r, { ...s, type: "object" }, depth) : null;
  }
}
