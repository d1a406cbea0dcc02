// Mutations of JSON values: a field set to a value of the wrong type or at a limit (huge
// strings, deep nesting, unicode edge cases, numbers at the edges of double and int), removed,
// or joined by extra fields (prototype-pollution keys among them); and, at the text level,
// bodies that are not a JSON object at all or not JSON.
import type { Prng } from "./prng";

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** An array nested `depth` deep: `[[[…]]]`. */
function nested(depth: number): Json {
  let v: Json = [];
  for (let i = 0; i < depth; i++) v = [v];
  return v;
}

const STRINGS = [
  "",
  " ",
  "\u0000",
  "\u0000vdfuzz",
  "\ud800", // a lone surrogate
  "\udfff\ud800",
  "💥🧨",
  "e\u0301\u200b\u202e", // combining mark, zero width space, right-to-left override
  "𝕧𝕕𝕗𝕦𝕫𝕫",
  "vdfuzz\r\nSet-Cookie: x=1",
  "<script>alert(1)</script>",
  "'; DROP TABLE User; --",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection probe, sent as text
  "${7*7}{{7*7}}",
  "../../../../etc/passwd",
  "/dev/zero",
  "%00%2e%2e%2f",
  "vdfuzz]]></name><name>x",
  "true",
  "1e308",
  "-0",
  "NaN",
  "0x7fffffff",
];
const NUMBERS = [
  0,
  -0,
  -1,
  1,
  0.5,
  -1.5,
  2 ** 31 - 1,
  2 ** 31,
  -(2 ** 31) - 1,
  2 ** 32,
  2 ** 53 + 2,
  -(2 ** 53) - 2,
  Number.MAX_VALUE,
  -Number.MAX_VALUE,
  Number.MIN_VALUE,
  1e-300,
];
const POLLUTER = '{"__proto__":{"admin":true},"constructor":{"prototype":{"admin":true}}}';
/** Keys that pollute prototypes when a body is merged carelessly. */
const EVIL_KEYS = [
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "hasOwnProperty",
  "valueOf",
];

/** A value chosen to break validators: wrong types, limits, huge or deep. */
export function nastyValue(r: Prng): Json {
  switch (r.int(9)) {
    case 0:
      return r.pick(STRINGS);
    case 1:
      return r.pick(NUMBERS);
    case 2:
      return r.pick([null, true, false]);
    case 3:
      return "x".repeat(r.pick([65, 256, 4_097, 70_000, 400_000]));
    case 4:
      return nested(r.pick([2, 64, 1_000]));
    case 5:
      return r.pick<Json>([[], {}, [null], [1, "a", {}], { "": null }]);
    case 6:
      // Parsed, not written as a literal: a literal's __proto__ would set the prototype instead.
      return JSON.parse(POLLUTER) as Json;
    case 7:
      return Array.from({ length: r.pick([101, 1_001, 10_001]) }, (_, i) => `vdfuzz${i}`);
    default:
      return r.pick(STRINGS) + r.pick(STRINGS);
  }
}

/** A string chosen to break parsers and validators (for path segments and query values). */
export function nastyString(r: Prng): string {
  if (r.chance(0.2)) return "x".repeat(r.pick([65, 257, 1_500]));
  return r.chance(0.5) ? r.pick(STRINGS) : `vdfuzz${r.pick(STRINGS)}`;
}

function mutateString(r: Prng, s: string): Json {
  switch (r.int(6)) {
    case 0:
      return s + r.pick(STRINGS);
    case 1:
      return s.slice(0, r.int(s.length + 1));
    case 2:
      return s.toUpperCase();
    case 3:
      // Long, but bounded: a body past the server's 1 MiB limit is refused before it is parsed.
      return s.repeat(Math.min(r.pick([2, 40, 3_000]), Math.ceil(2_000_000 / (s.length + 1))));
    case 4:
      return ` ${s}\t`;
    default:
      return r.pick(STRINGS) + s;
  }
}

function mutateNumber(r: Prng, n: number): Json {
  return r.pick([n + 1, n - 1, -n, n * 1e6, n + 0.5, n / 3, String(n), r.pick(NUMBERS)]);
}

/** Mutates one node of `v` (a deep copy is made by the caller); returns the new value. */
function mutateNode(r: Prng, v: Json): Json {
  if (r.chance(0.25)) return nastyValue(r);
  if (typeof v === "string") return mutateString(r, v);
  if (typeof v === "number") return mutateNumber(r, v);
  if (typeof v === "boolean") return r.pick([!v, v ? 1 : 0, String(v), null]);
  if (v === null) return nastyValue(r);
  if (Array.isArray(v)) {
    if (v.length > 0 && r.chance(0.6)) {
      const i = r.int(v.length);
      v[i] = mutateNode(r, v[i]!);
      return v;
    }
    return r.pick([[], [...v, ...v], [nastyValue(r)], [v]]);
  }
  const keys = Object.keys(v);
  const op = r.int(10);
  if (keys.length > 0 && op < 6) {
    const k = r.pick(keys);
    v[k] = mutateNode(r, v[k]!);
  } else if (keys.length > 0 && op < 8) {
    delete v[r.pick(keys)];
  } else {
    const key = r.chance(0.5) ? r.pick(EVIL_KEYS) : `vdfuzz_${r.int(1000)}`;
    Object.defineProperty(v, key, {
      value: nastyValue(r),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return v;
}

/** 1–3 mutations of a copy of `seed`. */
export function mutateJson(r: Prng, seed: unknown): unknown {
  let v = JSON.parse(JSON.stringify(seed ?? null)) as Json;
  const n = r.range(1, 3);
  for (let i = 0; i < n; i++) v = mutateNode(r, v);
  return v;
}

/** Text that is not a JSON object: other JSON values, broken JSON, bytes that are not UTF-8. */
export function brokenJsonText(r: Prng, valid: string): Buffer {
  switch (r.int(9)) {
    case 0:
      return Buffer.from(valid.slice(0, r.int(valid.length)));
    case 1:
      return Buffer.from(`${valid}${r.pick([",", "}", "]", " x", "\u0000"])}`);
    case 2:
      return Buffer.from(r.pick(['[{"a":1}]', '"text"', "42", "null", "true", "[]"]));
    case 3:
      return Buffer.from(valid.replace(/"/g, "'"));
    case 4:
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(valid)]); // a BOM
    case 5:
      return Buffer.concat([
        Buffer.from('{"name":"'),
        Buffer.from([0xc3, 0x28, 0xff]),
        Buffer.from('"}'),
      ]);
    case 6: {
      // Nested far deeper than any value the serialiser here could write: balanced or not.
      const depth = r.pick([100, 10_000, 200_000]);
      const close = r.chance(0.5) ? "]".repeat(depth) : "";
      return Buffer.from(`{"a":${"[".repeat(depth)}${close}}`);
    }
    case 7:
      return Buffer.from(POLLUTER);
    default:
      return Buffer.from(valid.replace(/:/, ":NaN,").replace(/}$/, ",}"));
  }
}
