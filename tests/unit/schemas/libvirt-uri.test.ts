import { describe, expect, it } from "vitest";
import { createHostSchema } from "@/lib/schemas/host";
import { parseLibvirtUri } from "@/lib/schemas/libvirt-uri";

describe("parseLibvirtUri", () => {
  it.each([
    ["qemu:///system", { driver: "qemu", transport: null, host: null, path: "/system" }],
    ["qemu:///session", { driver: "qemu", transport: null, host: null, path: "/session" }],
    [
      "qemu+unix:///system?socket=/run/x/libvirt-sock",
      { transport: "unix", params: { socket: "/run/x/libvirt-sock" } },
    ],
    [
      "qemu+ssh://root@kvm1.example/system",
      { transport: "ssh", user: "root", host: "kvm1.example" },
    ],
    [
      "qemu+ssh://admin@10.250.0.2:2222/system?keyfile=/k&no_verify=1",
      { port: 2222, params: { keyfile: "/k", no_verify: "1" } },
    ],
    ["qemu+tcp://10.0.0.5/system", { transport: "tcp", host: "10.0.0.5" }],
    ["qemu+tls://[fd00::5]:16514/system", { transport: "tls", host: "[fd00::5]", port: 16514 }],
    ["test:///default", { driver: "test", path: "/default" }],
    // As virsh reads it: a host with no transport is TLS.
    ["qemu://kvm1/system", { transport: null, host: "kvm1" }],
    [
      "test+unix:///srv/fixtures/two-vms.xml",
      { driver: "test", path: "/srv/fixtures/two-vms.xml" },
    ],
  ])("accepts %s", (uri, expected) => {
    const parsed = parseLibvirtUri(uri);
    expect(parsed).toMatchObject(expected);
  });

  it.each([
    ["", "Enter a libvirt URI"],
    ["qemu", "starts with driver[+transport]://"],
    ["http://example.com/", "Unknown libvirt driver 'http'"],
    ["qemu+carrierpigeon:///system", "Unknown transport '+carrierpigeon'"],
    ["qemu+ssh:///system", "qemu+ssh needs a host"],
    ["qemu+unix://kvm1/system", "needs a remote transport, e.g. qemu+ssh://kvm1/system"],
    ["qemu+libssh2://kvm1/system", "write qemu+ssh://"],
    ["qemu:///sytem", "A qemu URI ends in /system"],
    ["test:///etc/passwd", "A test URI is test:///default"],
    ["qemu:///system?bogus=1", "Unknown URI parameter 'bogus'"],
    ["qemu:///system\n", null],
    ["qemu:// /system", "must not contain spaces"],
    [`qemu:///system?keyfile=${"a".repeat(1100)}`, "longer than 1024"],
  ])("refuses %j", (uri, message) => {
    const parsed = parseLibvirtUri(uri);
    if (message === null) {
      // Surrounding whitespace is trimmed like a pasted value, not refused.
      expect(parsed).toMatchObject({ driver: "qemu" });
      return;
    }
    expect(parsed).toHaveProperty("error");
    expect((parsed as { error: string }).error).toContain(message);
  });
});

describe("createHostSchema", () => {
  it("trims and accepts a name and URI", () => {
    expect(createHostSchema.parse({ name: " kvm1 ", uri: " qemu:///system " })).toEqual({
      name: "kvm1",
      uri: "qemu:///system",
    });
  });

  it.each(["", "a/b", "<script>", "../etc", "x".repeat(65)])("refuses the name %j", (name) => {
    expect(createHostSchema.safeParse({ name, uri: "qemu:///system" }).success).toBe(false);
  });
});
