import { describe, expect, it } from "vitest";
import { createVmSchema } from "@/lib/schemas/vm-create";
import { buildDomainXml, buildVolumeXml } from "@/lib/xml/build-domain";
import { attr, child, children, parseXml, text } from "@/lib/xml/parse";

const HOSTILE = `a<b>&"c'`;

const base = {
  hostId: "h1",
  name: "vm1",
  source: {
    kind: "kernel",
    kernel: "/boot/vmlinuz",
    initrd: "/boot/initrd",
    cmdline: "console=ttyS0",
  },
  vcpus: 1,
  memoryMib: 128,
  domainType: "qemu",
  network: "default",
  disk: { mode: "new", pool: "p", sizeGib: 1, format: "qcow2" },
};

function spec(over: Record<string, unknown> = {}) {
  const input = createVmSchema.parse({ ...base, ...over });
  return {
    ...input,
    disks: [{ path: "/pool/vm1-disk1.qcow2", format: "qcow2" as const, bus: input.diskBus }],
  };
}

describe("buildDomainXml", () => {
  it("builds a kernel-boot domain with the chosen devices", () => {
    const dom = child(parseXml(buildDomainXml(spec())), "domain");
    expect(attr(dom, "type")).toBe("qemu");
    expect(text(dom, "name")).toBe("vm1");
    const os = child(dom, "os");
    expect(text(os, "kernel")).toBe("/boot/vmlinuz");
    expect(text(os, "cmdline")).toBe("console=ttyS0");
    const devices = child(dom, "devices");
    const disk = children(devices, "disk")[0];
    expect(attr(child(disk, "source"), "file")).toBe("/pool/vm1-disk1.qcow2");
    expect(attr(child(disk, "target"), "dev")).toBe("vda");
    expect(attr(child(children(devices, "interface")[0], "source"), "network")).toBe("default");
    expect(children(devices, "serial")).toHaveLength(1);
    expect(attr(children(devices, "graphics")[0], "listen")).toBe("127.0.0.1");
  });

  it("escapes every operator value: title, description, command line, paths", () => {
    const xml = buildDomainXml({
      ...spec({ title: HOSTILE, description: `</description><evil/>${HOSTILE}` }),
      source: { kind: "kernel", kernel: `/k/${HOSTILE}`, initrd: "", cmdline: HOSTILE },
      network: HOSTILE,
    });
    expect(xml).not.toContain("<evil");
    expect(xml).not.toContain("<b>");
    const dom = child(parseXml(xml), "domain");
    expect(text(dom, "title")).toBe(HOSTILE);
    expect(text(dom, "description")).toBe(`</description><evil/>${HOSTILE}`);
    expect(text(child(dom, "os"), "cmdline")).toBe(HOSTILE);
    expect(text(child(dom, "os"), "kernel")).toBe(`/k/${HOSTILE}`);
    const nic = children(child(dom, "devices"), "interface")[0];
    expect(attr(child(nic, "source"), "network")).toBe(HOSTILE);
  });

  it("boots from the CD-ROM first for an ISO install, with UEFI on q35", () => {
    const dom = child(
      parseXml(
        buildDomainXml(spec({ source: { kind: "iso", isoPath: "/iso/x.iso" }, firmware: "uefi" })),
      ),
      "domain",
    );
    const os = child(dom, "os");
    expect(attr(os, "firmware")).toBe("efi");
    expect(attr(child(os, "type"), "machine")).toBe("q35");
    expect(children(os, "boot").map((b) => attr(b, "dev"))).toEqual(["cdrom", "hd"]);
    const cd = children(child(dom, "devices"), "disk").find((d) => attr(d, "device") === "cdrom");
    expect(attr(child(cd, "source"), "file")).toBe("/iso/x.iso");
  });

  it("builds a volume with its capacity in bytes", () => {
    const vol = child(
      parseXml(buildVolumeXml({ name: HOSTILE, bytes: 1024, format: "qcow2" })),
      "volume",
    );
    expect(text(vol, "name")).toBe(HOSTILE);
    expect(text(vol, "capacity")).toBe("1024");
  });
});

describe("createVmSchema refuses hostile input", () => {
  const refused = (over: Record<string, unknown>) => createVmSchema.safeParse({ ...base, ...over });
  it.each([HOSTILE, "../../etc", "a/b", "", " ", "-x", "x".repeat(65)])("name %j", (name) => {
    expect(refused({ name }).success).toBe(false);
  });
  it.each([-1, 0, 1e9, Number.NaN, "huge", "1e999"])("disk size %j", (sizeGib) => {
    const r = refused({ disk: { mode: "new", pool: "p", sizeGib, format: "qcow2" } });
    expect(r.success).toBe(false);
  });
  it("refuses relative and traversing paths", () => {
    expect(refused({ source: { kind: "iso", isoPath: "x.iso" } }).success).toBe(false);
    expect(refused({ source: { kind: "iso", isoPath: "/a/../etc/shadow" } }).success).toBe(false);
  });
  it("refuses negative or zero memory and vCPUs", () => {
    expect(refused({ memoryMib: -5 }).success).toBe(false);
    expect(refused({ vcpus: 0 }).success).toBe(false);
  });
});
