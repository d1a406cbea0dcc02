/**
 * Declarative XDR codecs: small combinators from which every protocol struct
 * is built by hand (see protocol/types.ts and protocol/procedures/).
 */
import { XdrError, type XdrReader } from "./reader";
import type { XdrWriter } from "./writer";

/** Encodes and decodes one XDR type. */
export interface Codec<T> {
  enc(w: XdrWriter, v: T): void;
  dec(r: XdrReader): T;
}

/** The TypeScript value type of a codec. */
export type Infer<C> = C extends Codec<infer T> ? T : never;

/** `void`: nothing on the wire. */
export const xvoid: Codec<void> = { enc: () => {}, dec: () => undefined };

/** `int` (signed 32-bit). */
export const int: Codec<number> = { enc: (w, v) => w.int(v), dec: (r) => r.int() };
/** `unsigned int`. */
export const uint: Codec<number> = { enc: (w, v) => w.uint(v), dec: (r) => r.uint() };
/** `hyper` as a BigInt (counters pass 2^53). */
export const hyper: Codec<bigint> = { enc: (w, v) => w.hyper(v), dec: (r) => r.hyper() };
/** `unsigned hyper` as a BigInt. */
export const uhyper: Codec<bigint> = { enc: (w, v) => w.uhyper(v), dec: (r) => r.uhyper() };
/** `double`. */
export const double: Codec<number> = { enc: (w, v) => w.double(v), dec: (r) => r.double() };
/** XDR `bool`. */
export const bool: Codec<boolean> = { enc: (w, v) => w.bool(v), dec: (r) => r.bool() };

/**
 * `unsigned hyper` exposed as a number. Only for values that stay below 2^53
 * (memory sizes in KiB, capacities in bytes up to 8 PiB); throws otherwise
 * rather than silently losing precision.
 */
export const uhyperNum: Codec<number> = {
  enc: (w, v) => w.uhyper(BigInt(v)),
  dec: (r) => {
    const v = r.uhyper();
    if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new XdrError(`value ${v} exceeds 2^53`);
    return Number(v);
  },
};

/** `hyper` exposed as a number (same rule as {@link uhyperNum}). */
export const hyperNum: Codec<number> = {
  enc: (w, v) => w.hyper(BigInt(v)),
  dec: (r) => {
    const v = r.hyper();
    if (v > BigInt(Number.MAX_SAFE_INTEGER) || v < BigInt(Number.MIN_SAFE_INTEGER)) {
      throw new XdrError(`value ${v} exceeds 2^53`);
    }
    return Number(v);
  },
};

/** `string<max>`. */
export function string(max: number): Codec<string> {
  return { enc: (w, v) => w.string(v, max), dec: (r) => r.string(max) };
}

/** `opaque[n]`. */
export function fixedOpaque(n: number): Codec<Buffer> {
  return { enc: (w, v) => w.fixedOpaque(v, n), dec: (r) => r.fixedOpaque(n) };
}

/** `opaque<max>`. */
export function varOpaque(max: number): Codec<Buffer> {
  return { enc: (w, v) => w.varOpaque(v, max), dec: (r) => r.varOpaque(max) };
}

/** `T *x`: a 4-byte discriminator (0 absent, 1 present), then T; absent is `null`. */
export function optional<T>(c: Codec<T>): Codec<T | null> {
  return {
    enc: (w, v) => {
      w.uint(v === null ? 0 : 1);
      if (v !== null) c.enc(w, v);
    },
    dec: (r) => (r.bool() ? c.dec(r) : null),
  };
}

/** `T x<max>`: a count checked against max before decoding, then the elements. */
export function array<T>(c: Codec<T>, max: number): Codec<T[]> {
  return {
    enc: (w, v) => {
      if (v.length > max) throw new RangeError(`array length ${v.length} exceeds ${max}`);
      w.uint(v.length);
      for (const e of v) c.enc(w, e);
    },
    dec: (r) => {
      const n = r.length(max);
      // Each element takes at least 4 bytes: reject impossible counts before looping.
      if (n * 4 > r.remaining)
        throw new XdrError(`array of ${n} cannot fit in ${r.remaining} bytes`);
      const out: T[] = [];
      for (let i = 0; i < n; i++) out.push(c.dec(r));
      return out;
    },
  };
}

/** `T x[n]`: exactly n elements, no count. */
export function fixedArray<T>(c: Codec<T>, n: number): Codec<T[]> {
  return {
    enc: (w, v) => {
      if (v.length !== n) throw new RangeError(`fixed array of ${n} given ${v.length}`);
      for (const e of v) c.enc(w, e);
    },
    dec: (r) => {
      const out: T[] = [];
      for (let i = 0; i < n; i++) out.push(c.dec(r));
      return out;
    },
  };
}

type Fields = Record<string, Codec<unknown>>;
type StructOf<F extends Fields> = { [K in keyof F]: Infer<F[K]> };

/** A struct: fields encoded in the object's key order. */
export function struct<F extends Fields>(fields: F): Codec<StructOf<F>> {
  const entries = Object.entries(fields);
  return {
    enc: (w, v) => {
      for (const [k, c] of entries) c.enc(w, (v as Record<string, unknown>)[k]);
    },
    dec: (r) => {
      const out: Record<string, unknown> = {};
      for (const [k, c] of entries) out[k] = c.dec(r);
      return out as StructOf<F>;
    },
  };
}

/** A discriminated union value: the discriminant and the selected arm's value. */
export interface UnionValue<T> {
  type: number;
  value: T;
}

/** `union switch (int type)`: unknown discriminants are a decode error. */
export function union<T>(arms: Record<number, Codec<T>>): Codec<UnionValue<T>> {
  const arm = (type: number): Codec<T> => {
    const c = arms[type];
    if (!c) throw new XdrError(`unknown union discriminant ${type}`);
    return c;
  };
  return {
    enc: (w, v) => {
      w.int(v.type);
      arm(v.type).enc(w, v.value);
    },
    dec: (r) => {
      const type = r.int();
      return { type, value: arm(type).dec(r) };
    },
  };
}

/** Maps a codec's value both ways (e.g. a struct with a single field to its value). */
export function map<A, B>(c: Codec<A>, to: (a: A) => B, from: (b: B) => A): Codec<B> {
  return { enc: (w, v) => c.enc(w, from(v)), dec: (r) => to(c.dec(r)) };
}
