// The create wizard's pure parts: where a refusal belongs, what another host keeps, and when
// vCPUs and memory above the host's warn.
import { describe, expect, it } from "vitest";
import { initialState, onOtherHost, resourceWarnings } from "@/components/vms/create/wizard-state";
import { allShown, firstMessages, stepOfErrors } from "@/components/vms/create/wizard-steps";
import type { CreateVmOptions } from "@/lib/vms/create-options";

function options(patch: Partial<CreateVmOptions> = {}): CreateVmOptions {
  return {
    hostId: "h1",
    hostName: "one",
    osinfo: [],
    networks: [{ name: "default", kind: "NAT", active: true }],
    pools: [{ name: "images", active: true, path: "/var/lib/libvirt/images" }],
    kvm: true,
    uefi: true,
    host: { cpus: 4, memoryMib: 8192 },
    maxVcpus: { bios: 255, uefi: 288 },
    ...patch,
  };
}

describe("where a refusal belongs", () => {
  it("opens the earliest step asking for a refused field", () => {
    expect(stepOfErrors({ "disk.sizeGib": ["x"], vcpus: ["y"] })).toBe(3);
    expect(stepOfErrors({ "source.kernel": ["x"] })).toBe(2);
    expect(stepOfErrors({ hostId: ["x"] })).toBe(0);
    expect(stepOfErrors({ _: ["x"] })).toBeNull();
    expect(stepOfErrors(undefined)).toBeNull();
  });

  it("shows each field's first message, and above the buttons what no field shows", () => {
    expect(firstMessages({ name: ["first", "second"], empty: [] })).toEqual({ name: "first" });
    expect(allShown({ name: "x", "source.kernel": "y" })).toBe(true);
    expect(allShown({ source: "no matching kind" })).toBe(false);
    expect(allShown({})).toBe(false);
  });
});

describe("another host", () => {
  it("keeps the name and what still applies; chooses again what was the old host's", () => {
    const before = {
      ...initialState(options()),
      name: "wz-keep",
      title: "t",
      vcpus: "3",
      sourceKind: "kernel" as const,
      kernel: "/boot/vmlinuz",
      isoPath: "/var/lib/libvirt/images/a.iso",
      firmware: "uefi" as const,
    };
    const other = options({
      hostId: "h2",
      networks: [{ name: "lan", kind: "public bridge", active: true }],
      pools: [],
      kvm: false,
      uefi: false,
    });
    expect(onOtherHost(before, other)).toMatchObject({
      name: "wz-keep",
      title: "t",
      vcpus: "3",
      sourceKind: "kernel",
      kernel: "/boot/vmlinuz",
      isoPath: "",
      pool: "",
      network: "lan",
      firmware: "bios",
      domainType: "qemu",
    });
  });
});

describe("resources above the host's", () => {
  it("warn above its CPUs and memory, not at them", () => {
    const host = { cpus: 4, memoryMib: 8192 };
    expect(resourceWarnings("4", "8192", host)).toEqual({ vcpus: null, memory: null });
    const above = resourceWarnings("5", "8193", host);
    expect(above.vcpus).toBe(
      "vCPUs: more than this host's 4 CPUs; the VM runs, its vCPUs sharing them",
    );
    expect(above.memory).toMatch(/^Memory: more than this host's 8192 MiB/);
    expect(resourceWarnings("64", "65536", null)).toEqual({ vcpus: null, memory: null });
  });
});
