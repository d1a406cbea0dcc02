import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { findKnownKeys, hostPattern } from "@/lib/libvirt/transports/known-hosts";
import { remoteCommand, shellQuote } from "@/lib/libvirt/transports/ssh";
import { parseUri, socketPath } from "@/lib/libvirt/uri";

describe("parseUri", () => {
  it("reads local URIs as the UNIX transport", () => {
    const u = parseUri("qemu:///system");
    expect(u).toMatchObject({
      driver: "qemu",
      transport: "unix",
      path: "/system",
      name: "qemu:///system",
    });
    expect(socketPath(u)).toBe("/var/run/libvirt/libvirt-sock");
    expect(socketPath(u, true)).toBe("/var/run/libvirt/libvirt-sock-ro");
  });

  it("honours ?socket= and drops it from the name", () => {
    const u = parseUri("qemu+unix:///system?socket=/run/x/libvirt-sock");
    expect(u.transport).toBe("unix");
    expect(socketPath(u)).toBe("/run/x/libvirt-sock");
    expect(u.name).toBe("qemu:///system");
  });

  it("keeps test-driver paths and daemon-side params", () => {
    expect(parseUri("test:///default").name).toBe("test:///default");
    expect(parseUri("test+unix:///abs/fix.xml").name).toBe("test:///abs/fix.xml");
    expect(parseUri("test+tcp://h/default").name).toBe("test:///default");
    expect(parseUri("qemu:///system?foo=1&socket=/s").name).toBe("qemu:///system?foo=1");
  });

  it("parses SSH, TCP and TLS URIs with user, host, port and params", () => {
    const s = parseUri("qemu+ssh://root@10.0.0.2:2222/system?keyfile=/k%20ey&no_verify=1");
    expect(s).toMatchObject({
      transport: "ssh",
      user: "root",
      host: "10.0.0.2",
      port: 2222,
      name: "qemu:///system",
    });
    expect(s.params).toEqual({ keyfile: "/k ey", no_verify: "1" });
    expect(parseUri("qemu+tcp://h/system")).toMatchObject({
      transport: "tcp",
      host: "h",
      port: undefined,
    });
    expect(parseUri("qemu://h/system").transport).toBe("tls");
    expect(parseUri("qemu+tls://[fe80::1]:16514/system")).toMatchObject({
      host: "fe80::1",
      port: 16514,
    });
  });

  it("uses ?name= verbatim when given", () => {
    expect(parseUri("qemu+ssh://h/system?name=qemu:///session").name).toBe("qemu:///session");
  });

  it("rejects malformed URIs and unknown transports", () => {
    expect(() => parseUri("not a uri")).toThrow(TypeError);
    expect(() => parseUri("qemu+carrier-pigeon://h/system")).toThrow(TypeError);
    expect(() => parseUri("qemu+unknown://h/system")).toThrow(/unsupported transport/);
    expect(() => parseUri("qemu+tcp://h:99999/system")).toThrow(/port/);
  });
});

describe("SSH helpers", () => {
  it("quotes for the shell", () => {
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
  });

  it("builds the remote command: helper first, netcat fallback", () => {
    const cmd = remoteCommand(parseUri("qemu+ssh://h/system"));
    expect(cmd).toContain("virt-ssh-helper");
    expect(cmd).toContain("qemu:///system");
    expect(cmd).toContain("/var/run/libvirt/libvirt-sock");
    expect(remoteCommand(parseUri("qemu+ssh://h/system?proxy=netcat"))).not.toContain(
      "virt-ssh-helper",
    );
  });

  it("finds plain and hashed known_hosts entries", () => {
    const key = Buffer.from("fake-key-blob").toString("base64");
    const salt = Buffer.from("0123456789abcdefghij");
    const hash = createHmac("sha1", salt).update("[h2]:2222").digest("base64");
    const text = [
      "# comment",
      `h1,10.0.0.1 ssh-ed25519 ${key}`,
      `|1|${salt.toString("base64")}|${hash} ssh-ed25519 ${key}`,
      `@revoked h1 ssh-ed25519 ${key}`,
    ].join("\n");
    expect(findKnownKeys(text, "10.0.0.1", 22)).toHaveLength(1);
    expect(findKnownKeys(text, "h2", 2222)).toHaveLength(1);
    expect(findKnownKeys(text, "h2", 22)).toHaveLength(0);
    expect(hostPattern("h", 22)).toBe("h");
  });
});
