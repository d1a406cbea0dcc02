import { describe, expect, it } from "vitest";
import { canonicalAddress, isLoopback, vncDialTarget } from "@/lib/consoles/dial-policy";

const tcp = (host: string, port = 5900) => ({ kind: "tcp" as const, host, port, password: null });
const unix = (path: string) => ({ kind: "unix" as const, path, password: null });
const local = {
  transport: "unix" as const,
  uriHost: undefined,
  hostAddresses: [],
  localAddresses: ["127.0.0.1", "10.177.0.1", "fe80::1"],
};
const ssh = {
  transport: "ssh" as const,
  uriHost: "10.250.0.2",
  hostAddresses: [],
  localAddresses: [],
};
const tls = {
  transport: "tls" as const,
  uriHost: "kvm2.lan",
  hostAddresses: ["10.250.0.2"],
  localAddresses: [],
};

describe("loopback, however it is written", () => {
  it("is recognised in every spelling", () => {
    for (const a of [
      "127.0.0.1",
      "127.1",
      "127.255.0.9",
      "0x7f.0.0.1",
      "2130706433",
      "localhost",
      "LOCALHOST",
      "::1",
      "[::1]",
      "0:0:0:0:0:0:0:1",
      "::ffff:127.0.0.1",
      "[::ffff:127.9.9.9]",
      "0.0.0.0",
      "::",
    ])
      expect(isLoopback(a), a).toBe(true);
  });

  it("is not confused with look-alikes", () => {
    for (const a of [
      "10.0.0.1",
      "128.0.0.1",
      "::2",
      "::ffff:10.0.0.1",
      "127.0.0.1.nip.io",
      "localhost.evil",
      "",
      "not an address",
    ])
      expect(isLoopback(a), a).toBe(false);
    expect(canonicalAddress("[0:0:0:0:0:0:0:1]")).toBe("::1");
  });
});

describe("where a VNC display may be dialled", () => {
  it("on the local host: its own addresses and libvirt's socket directories only", () => {
    expect(vncDialTarget(tcp("127.0.0.1"), local)).toEqual({
      kind: "tcp",
      host: "127.0.0.1",
      port: 5900,
    });
    expect(vncDialTarget(tcp("0.0.0.0"), local)).toEqual({
      kind: "tcp",
      host: "127.0.0.1",
      port: 5900,
    });
    expect(vncDialTarget(tcp("10.177.0.1"), local)).toMatchObject({
      kind: "tcp",
      host: "10.177.0.1",
    });
    expect(vncDialTarget(tcp("10.0.0.99"), local)).toHaveProperty("problem");
    expect(vncDialTarget(tcp("metadata.google.internal"), local)).toHaveProperty("problem");
    expect(vncDialTarget(unix("/var/lib/libvirt/qemu/domain-1-a/vnc.sock"), local)).toMatchObject({
      kind: "unix",
    });
    expect(vncDialTarget(unix("/run/docker.sock"), local)).toHaveProperty("problem");
    expect(vncDialTarget(unix("/var/lib/libvirt/../../run/docker.sock"), local)).toHaveProperty(
      "problem",
    );
  });

  it("over SSH: the far side's loopback or its own address, through the tunnel", () => {
    expect(vncDialTarget(tcp("::1"), ssh)).toMatchObject({ kind: "tcp", host: "::1" });
    expect(vncDialTarget(tcp("10.250.0.2"), ssh)).toMatchObject({
      kind: "tcp",
      host: "10.250.0.2",
    });
    expect(vncDialTarget(tcp("192.168.1.1"), ssh)).toHaveProperty("problem");
    expect(vncDialTarget(unix("/etc/shadow"), ssh)).toHaveProperty("problem");
  });

  it("over TCP/TLS: the host's own address only; a wildcard means that address", () => {
    expect(vncDialTarget(tcp("0.0.0.0"), tls)).toEqual({
      kind: "tcp",
      host: "kvm2.lan",
      port: 5900,
    });
    expect(vncDialTarget(tcp("10.250.0.2"), tls)).toMatchObject({
      kind: "tcp",
      host: "10.250.0.2",
    });
    expect(vncDialTarget(tcp("127.0.0.1"), tls)).toMatchObject({
      problem: expect.stringContaining("loopback"),
    });
    expect(vncDialTarget(tcp("169.254.169.254"), tls)).toHaveProperty("problem");
    expect(vncDialTarget(unix("/var/lib/libvirt/qemu/x.sock"), tls)).toHaveProperty("problem");
  });
});
