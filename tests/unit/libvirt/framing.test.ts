import { describe, expect, it } from "vitest";
import { ProtocolError } from "@/lib/libvirt/errors";
import { PacketSplitter } from "@/lib/libvirt/framing";
import { hex } from "./support/fake-daemon";

// The AUTH_LIST reply from the protocol brief: L = 36.
const REPLY = hex(
  [
    "00000024", // length 36, counting itself
    "20008086", // prog REMOTE
    "00000001", // vers 1
    "00000042", // proc 66 AUTH_LIST
    "00000001", // type REPLY
    "00000001", // serial 1
    "00000000", // status OK
    "00000001", // array of 1 auth type
    "00000000", // AUTH_NONE
  ].join(""),
);

describe("PacketSplitter", () => {
  it("assembles packets fed one byte at a time", () => {
    const s = new PacketSplitter();
    const out: Buffer[] = [];
    for (const b of Buffer.concat([REPLY, REPLY])) out.push(...s.push(Buffer.from([b])));
    expect(out).toHaveLength(2);
    expect(out[0]?.toString("hex")).toBe(REPLY.subarray(4).toString("hex"));
    expect(s.pending).toBe(0);
  });

  it("splits several packets and a partial one from one chunk", () => {
    const s = new PacketSplitter();
    const chunk = Buffer.concat([REPLY, REPLY, REPLY.subarray(0, 10)]);
    expect(s.push(chunk)).toHaveLength(2);
    expect(s.pending).toBe(10);
    expect(s.push(REPLY.subarray(10))).toHaveLength(1);
  });

  it("splits at every possible boundary", () => {
    const two = Buffer.concat([REPLY, REPLY]);
    for (let i = 0; i <= two.length; i++) {
      const s = new PacketSplitter();
      const n = s.push(two.subarray(0, i)).length + s.push(two.subarray(i)).length;
      expect(n).toBe(2);
    }
  });

  it("rejects a length word below the header size or above the maximum before allocating", () => {
    expect(() => new PacketSplitter().push(hex("0000001b"))).toThrow(ProtocolError);
    expect(() => new PacketSplitter().push(hex("00000000"))).toThrow(ProtocolError);
    expect(() => new PacketSplitter().push(hex("ffffffff"))).toThrow(/invalid packet length/);
    expect(() => new PacketSplitter(100).push(hex("00000069"))).toThrow(ProtocolError);
  });
});
