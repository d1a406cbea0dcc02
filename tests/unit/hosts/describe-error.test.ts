import { describe, expect, it } from "vitest";
import { describeHostError } from "@/lib/hosts/describe-error";
import { parseUri } from "@/lib/libvirt/uri";

const sys = (code: string) => Object.assign(new Error(code), { code });
const wrapped = (cause: unknown) =>
  Object.assign(new Error("cannot connect to x"), { name: "ConnectionError", cause });

describe("describeHostError", () => {
  it("says where a connection was refused", () => {
    expect(
      describeHostError(wrapped(sys("ECONNREFUSED")), parseUri("qemu+ssh://root@10.0.0.5/system")),
    ).toBe("connection refused at 10.0.0.5:22");
    expect(describeHostError(wrapped(sys("ECONNREFUSED")), parseUri("qemu+tcp://h:1/system"))).toBe(
      "connection refused at h:1",
    );
    expect(describeHostError(wrapped(sys("ENOENT")), parseUri("qemu:///system"))).toMatch(
      /no libvirt socket at \/run\/libvirt\/libvirt-sock/,
    );
  });

  it("puts an SSH authentication failure in ssh's words", () => {
    const e = Object.assign(new Error("All configured authentication methods failed"), {
      level: "client-authentication",
    });
    expect(describeHostError(wrapped(e), parseUri("qemu+ssh://h/system"))).toBe(
      "permission denied (publickey)",
    );
  });

  it("names the offered host key when it is not the accepted one", () => {
    const hostKey = { type: "ssh-ed25519", fingerprint: "SHA256:abc" };
    const mismatch = Object.assign(new Error("… not found in the accepted host keys"), {
      level: "host-key",
      hostKey,
    });
    const unknown = Object.assign(new Error("… not found in /root/.ssh/known_hosts"), {
      level: "host-key",
      hostKey,
    });
    const uri = parseUri("qemu+ssh://h/system");
    expect(describeHostError(wrapped(mismatch), uri)).toMatch(
      /^host key mismatch at h:22: .*SHA256:abc/,
    );
    expect(describeHostError(wrapped(unknown), uri)).toMatch(
      /not accepted yet \(ssh-ed25519 SHA256:abc\)/,
    );
  });

  it("keeps libvirt's own message otherwise", () => {
    const e = Object.assign(new Error("authentication failed: polkit"), {
      name: "LibvirtError",
      code: 45,
    });
    expect(describeHostError(e, parseUri("qemu:///system"))).toBe("authentication failed: polkit");
  });
});
