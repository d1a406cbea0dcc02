/**
 * Shared protocol types: strings, UUIDs, object handles and typed parameters
 * (remote_protocol.x), as hand-written codecs.
 */
import {
  array,
  type Codec,
  double,
  fixedOpaque,
  hyper,
  type Infer,
  int,
  map,
  optional,
  string,
  struct,
  uhyper,
  uint,
  union,
} from "../xdr/codec";
import { Limits, STRING_MAX } from "./constants";

/** remote_nonnull_string. */
export const str = string(STRING_MAX);
/** remote_string: a string or null. */
export const optStr = optional(str);

/** remote_uuid (16 raw bytes) exposed as the canonical lowercase text form. */
export const uuid: Codec<string> = map(fixedOpaque(16), formatUuid, parseUuid);

/** Formats 16 bytes as 8-4-4-4-12 hex. */
export function formatUuid(b: Buffer): string {
  const h = b.toString("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Parses a UUID in text form (dashes optional) into 16 bytes. */
export function parseUuid(s: string): Buffer {
  const hex = s.replace(/-/g, "");
  if (!/^[0-9a-fA-F]{32}$/.test(hex)) throw new RangeError(`invalid UUID "${s}"`);
  return Buffer.from(hex, "hex");
}

/** A domain handle (remote_nonnull_domain); id is -1 while inactive. */
export const domainRef = struct({ name: str, uuid, id: int });
export type DomainRef = Infer<typeof domainRef>;

/** A network handle (remote_nonnull_network). */
export const networkRef = struct({ name: str, uuid });
export type NetworkRef = Infer<typeof networkRef>;

/** A storage pool handle (remote_nonnull_storage_pool). */
export const poolRef = struct({ name: str, uuid });
export type PoolRef = Infer<typeof poolRef>;

/** A storage volume handle (remote_nonnull_storage_vol). */
export const volRef = struct({ pool: str, name: str, key: str });
export type VolRef = Infer<typeof volRef>;

/** A host interface handle (remote_nonnull_interface). */
export const interfaceRef = struct({ name: str, mac: str });
export type InterfaceRef = Infer<typeof interfaceRef>;

/** A snapshot handle (remote_nonnull_domain_snapshot). */
export const snapshotRef = struct({ name: str, dom: domainRef });
export type SnapshotRef = Infer<typeof snapshotRef>;

/** Typed parameter kinds (virTypedParameterType). */
export const TypedParamType = {
  INT: 1,
  UINT: 2,
  LLONG: 3,
  ULLONG: 4,
  DOUBLE: 5,
  BOOLEAN: 6,
  STRING: 7,
} as const;

/**
 * A decoded typed parameter value: 64-bit kinds stay BigInt (cpu.time and
 * block byte counters pass 2^53), the rest are numbers, booleans or strings.
 */
export type TypedValue = number | bigint | boolean | string;

const typedUnion = union<TypedValue>({
  [TypedParamType.INT]: int as Codec<TypedValue>,
  [TypedParamType.UINT]: uint as Codec<TypedValue>,
  [TypedParamType.LLONG]: hyper as Codec<TypedValue>,
  [TypedParamType.ULLONG]: uhyper as Codec<TypedValue>,
  [TypedParamType.DOUBLE]: double as Codec<TypedValue>,
  [TypedParamType.BOOLEAN]: map(
    int,
    (v) => v !== 0,
    (b: boolean) => (b ? 1 : 0),
  ) as Codec<TypedValue>,
  [TypedParamType.STRING]: str as Codec<TypedValue>,
});

/** One remote_typed_param: field name, kind and value. */
export interface TypedParam {
  field: string;
  type: number;
  value: TypedValue;
}

/** remote_typed_param. */
export const typedParam: Codec<TypedParam> = {
  enc: (w, v) => {
    str.enc(w, v.field);
    typedUnion.enc(w, { type: v.type, value: v.value });
  },
  dec: (r) => {
    const field = str.dec(r);
    const { type, value } = typedUnion.dec(r);
    return { field, type, value };
  },
};

/** remote_typed_param list bounded by `max`. */
export function typedParams(max: number = Limits.TYPED_PARAMS): Codec<TypedParam[]> {
  return array(typedParam, max);
}

/** Turns a typed-parameter list into a plain record keyed by field name. */
export function paramsToRecord(params: TypedParam[]): Record<string, TypedValue> {
  const out: Record<string, TypedValue> = {};
  for (const p of params) out[p.field] = p.value;
  return out;
}

/** Builds typed parameters from a record, inferring the kind of each value. */
export function recordToParams(rec: Record<string, TypedValue>): TypedParam[] {
  return Object.entries(rec).map(([field, value]) => {
    if (typeof value === "string") return { field, type: TypedParamType.STRING, value };
    if (typeof value === "boolean") return { field, type: TypedParamType.BOOLEAN, value };
    if (typeof value === "bigint") return { field, type: TypedParamType.ULLONG, value };
    if (Number.isInteger(value) && value >= 0 && value <= 0xffffffff) {
      return { field, type: TypedParamType.UINT, value };
    }
    if (Number.isInteger(value)) return { field, type: TypedParamType.LLONG, value: BigInt(value) };
    return { field, type: TypedParamType.DOUBLE, value };
  });
}

/** Decodes an `int` that holds a C char/short (each takes 4 bytes on the wire). */
export const c4 = int;
