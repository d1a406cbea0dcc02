import { describe, expect, it } from "vitest";
import { keepalivePacket } from "@/lib/libvirt/keepalive";
import { PacketType, Program, Status } from "@/lib/libvirt/protocol/constants";
import { decodeAll, decodePacket, encodePacket, remoteError } from "@/lib/libvirt/protocol/packet";
import { AUTH_LIST, CONNECT_OPEN } from "@/lib/libvirt/protocol/procedures/connect";
import { hex } from "./support/fake-daemon";

const call = (proc: number, serial: number) => ({
  prog: Program.REMOTE,
  proc,
  type: PacketType.CALL,
  serial,
  status: Status.OK,
});

describe("packets", () => {
  it("encodes the AUTH_LIST call of the protocol brief", () => {
    const bytes = encodePacket(call(AUTH_LIST.proc, 1), AUTH_LIST.args, undefined);
    expect(bytes.toString("hex")).toBe(
      [
        "0000001c", // length 28: header only
        "20008086", // prog REMOTE
        "00000001", // vers 1
        "00000042", // proc 66
        "00000000", // type CALL
        "00000001", // serial 1
        "00000000", // status OK
      ].join(""),
    );
  });

  it("encodes CONNECT_OPEN(qemu:///system, 0)", () => {
    const bytes = encodePacket(call(CONNECT_OPEN.proc, 3), CONNECT_OPEN.args, {
      name: "qemu:///system",
      flags: 0,
    });
    expect(bytes.length).toBe(56);
    expect(bytes.subarray(28).toString("hex")).toBe(
      [
        "00000001", // name present
        "0000000e", // 14 bytes
        Buffer.from("qemu:///system").toString("hex"),
        "0000", // padding
        "00000000", // flags
      ].join(""),
    );
  });

  it("builds the 28-byte keepalive PING the server sends", () => {
    expect(keepalivePacket(1).toString("hex")).toBe(
      "0000001c 6b656570 00000001 00000001 00000002 00000000 00000000".replace(/ /g, ""),
    );
  });

  it("decodes headers and rejects unknown types and statuses", () => {
    const body = hex("20008086 00000001 0000013e 00000002 00000001 00000000");
    expect(decodePacket(body).header).toEqual({
      prog: 0x20008086,
      vers: 1,
      proc: 318,
      type: 2,
      serial: 1,
      status: 0,
    });
    expect(() =>
      decodePacket(hex("20008086 00000001 00000001 00000009 00000001 00000000")),
    ).toThrow(/type 9/);
    expect(() =>
      decodePacket(hex("20008086 00000001 00000001 00000001 00000001 00000007")),
    ).toThrow(/status 7/);
    expect(() => decodePacket(hex("20008086"))).toThrow(/no header/);
  });

  it("decodes a remote_error as libvirtd 9.0 sends it for a missing domain", () => {
    const msg = "Domain not found: no domain with matching name 'x'";
    const s = (t: string) => {
      const b = Buffer.from(t);
      const pad = (4 - (b.length % 4)) % 4;
      return `${b.length.toString(16).padStart(8, "0")}${b.toString("hex")}${"00".repeat(pad)}`;
    };
    const payload = hex(
      [
        "0000002a", // code 42 NO_DOMAIN
        "0000000a", // domain 10 QEMU
        `00000001${s(msg)}`, // message present
        "00000002", // level ERROR
        "00000000", // dom: NULL
        `00000001${s("Domain not found: %s")}`, // str1
        `00000001${s("no domain with matching name 'x'")}`, // str2
        "00000000", // str3: NULL
        "ffffffff", // int1 -1
        "ffffffff", // int2 -1
        "00000000", // net: NULL
      ].join(""),
    );
    const e = decodeAll(remoteError, payload);
    expect(e).toMatchObject({ code: 42, domain: 10, message: msg, level: 2, str3: null, int1: -1 });
  });
});
