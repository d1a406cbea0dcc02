import { describe, expect, it } from "vitest";
import { domainRef, TypedParamType, typedParam } from "@/lib/libvirt/protocol/types";
import type { Codec } from "@/lib/libvirt/xdr/codec";
import {
  array,
  bool,
  double,
  fixedArray,
  fixedOpaque,
  hyper,
  int,
  optional,
  string,
  struct,
  uhyper,
  uhyperNum,
  uint,
  union,
  varOpaque,
} from "@/lib/libvirt/xdr/codec";
import { XdrError, XdrReader } from "@/lib/libvirt/xdr/reader";
import { XdrWriter } from "@/lib/libvirt/xdr/writer";
import { hex } from "./support/fake-daemon";

function enc<T>(c: Codec<T>, v: T): string {
  const w = new XdrWriter();
  c.enc(w, v);
  return w.finish().toString("hex");
}
function dec<T>(c: Codec<T>, h: string): T {
  const r = new XdrReader(hex(h));
  const v = c.dec(r);
  r.end();
  return v;
}

describe("XDR primitives", () => {
  it("encodes integers big-endian in 4 or 8 bytes", () => {
    expect(enc(int, -2)).toBe("fffffffe");
    expect(enc(uint, 0x20008086)).toBe("20008086");
    expect(enc(hyper, -1n)).toBe("ffffffffffffffff");
    expect(enc(uhyper, 2n ** 63n + 5n)).toBe("8000000000000005");
    expect(dec(uhyper, "ffffffffffffffff")).toBe(2n ** 64n - 1n);
    expect(enc(double, 1.5)).toBe("3ff8000000000000");
    expect(enc(bool, true)).toBe("00000001");
  });

  it("rejects out-of-range values on encode and non-0/1 booleans on decode", () => {
    expect(() => enc(uint, -1)).toThrow(RangeError);
    expect(() => enc(int, 2 ** 31)).toThrow(RangeError);
    expect(() => dec(bool, "00000002")).toThrow(XdrError);
  });

  it("refuses a friendly number past 2^53", () => {
    expect(dec(uhyperNum, "001fffffffffffff")).toBe(2 ** 53 - 1);
    expect(() => dec(uhyperNum, "0020000000000000")).toThrow(/2\^53/);
  });

  it("pads strings to 4 bytes with zeros and checks the padding on decode", () => {
    // "qemu:///system" is 14 bytes: length 0000000e, bytes, 2 pad bytes.
    const s = string(100);
    expect(enc(s, "qemu:///system")).toBe(
      `0000000e${Buffer.from("qemu:///system").toString("hex")}0000`,
    );
    expect(dec(s, "00000003 616263 00")).toBe("abc");
    expect(() => dec(s, "00000003 616263 01")).toThrow(/padding/);
    expect(() => dec(s, "00000003 6162")).toThrow(/truncated/);
    expect(() => dec(s, "00000065")).toThrow(/exceeds maximum 100/);
    expect(enc(s, "é")).toBe("00000002c3a90000"); // byte length, not characters
  });

  it("encodes fixed and variable opaque data", () => {
    expect(enc(fixedOpaque(3), Buffer.from([1, 2, 3]))).toBe("01020300");
    expect(enc(varOpaque(8), Buffer.from([9]))).toBe("00000001 09000000".replace(/ /g, ""));
    expect(() => enc(fixedOpaque(3), Buffer.from([1]))).toThrow(RangeError);
    expect(() => dec(varOpaque(4), "00000005 0102030405000000")).toThrow(/exceeds/);
  });

  it("encodes optional values with a 4-byte discriminator", () => {
    const o = optional(int);
    expect(enc(o, null)).toBe("00000000");
    expect(enc(o, 7)).toBe("0000000100000007");
    expect(dec(o, "00000000")).toBeNull();
    expect(() => dec(o, "00000002")).toThrow(XdrError);
  });

  it("encodes arrays: counted and fixed", () => {
    expect(enc(array(int, 4), [1, 2])).toBe("000000020000000100000002");
    expect(enc(fixedArray(int, 2), [1, 2])).toBe("0000000100000002");
    expect(() => enc(array(int, 1), [1, 2])).toThrow(RangeError);
    // A count over the bound, or one that cannot fit the bytes left, fails before looping.
    expect(() => dec(array(int, 4), "00000005")).toThrow(/exceeds/);
    expect(() => dec(array(int, 1_000_000), "000f4240")).toThrow(/cannot fit/);
  });

  it("encodes structs in field order and unions by discriminant", () => {
    const s = struct({ a: int, b: string(10) });
    expect(enc(s, { a: 1, b: "x" })).toBe("00000001 00000001 78000000".replace(/ /g, ""));
    const u = union<number | string>({
      1: int as Codec<number | string>,
      2: string(8) as Codec<number | string>,
    });
    expect(dec(u, "00000002 00000002 68690000")).toEqual({ type: 2, value: "hi" });
    expect(() => dec(u, "00000009")).toThrow(/discriminant 9/);
  });

  it("decodes a domain handle and typed parameters", () => {
    const bytes = [
      "00000007", // name length 7
      "76642d74696e7900", // "vd-tiny" + 1 pad byte
      "5f1d7a3e8c2b4d619e0a7d1ab0c0ffee", // uuid: 16 raw bytes
      "ffffffff", // id -1 (inactive)
    ].join("");
    expect(dec(domainRef, bytes)).toEqual({
      name: "vd-tiny",
      uuid: "5f1d7a3e-8c2b-4d61-9e0a-7d1ab0c0ffee",
      id: -1,
    });
    const tp = [
      "00000008", // field length 8
      "6370752e74696d65", // "cpu.time"
      "00000004", // type 4 ULLONG
      "00000000000003e8", // 1000
    ].join("");
    expect(dec(typedParam, tp)).toEqual({
      field: "cpu.time",
      type: TypedParamType.ULLONG,
      value: 1000n,
    });
    expect(enc(typedParam, { field: "cpu.time", type: TypedParamType.ULLONG, value: 1000n })).toBe(
      tp,
    );
  });

  it("grows its buffer across every write size", () => {
    const w = new XdrWriter(0, 8);
    for (let i = 0; i < 1000; i++) {
      w.int(i);
      w.uhyper(BigInt(i));
      w.string("x".repeat(i % 7), 100);
    }
    const r = new XdrReader(w.finish());
    for (let i = 0; i < 1000; i++) {
      expect([r.int(), r.uhyper(), r.string(100)]).toEqual([i, BigInt(i), "x".repeat(i % 7)]);
    }
    r.end();
  });

  it("flags trailing bytes", () => {
    const r = new XdrReader(hex("00000001 00000002"));
    r.int();
    expect(() => r.end()).toThrow(/trailing/);
  });
});
