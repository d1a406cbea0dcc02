// Changes saved for the next boot of a running VM, from its live and its inactive XML.
import { describe, expect, it } from "vitest";
import { pendingChanges } from "@/lib/inventory/pending";
import { parseDomainXml } from "@/lib/xml/parse-domain";

const domain = ({
  vcpus = 2,
  memory = "1048576",
  boot = ["hd"],
  disks = [["vda", "/var/lib/libvirt/images/a.qcow2"]],
  nics = [["52:54:00:00:00:01", "default"]],
}: {
  vcpus?: number;
  memory?: string;
  boot?: string[];
  disks?: string[][];
  nics?: string[][];
}) =>
  parseDomainXml(`<domain type='qemu'><name>a</name><uuid>u</uuid>
    <memory unit='KiB'>${memory}</memory><vcpu>${vcpus}</vcpu>
    <os><type>hvm</type>${boot.map((b) => `<boot dev='${b}'/>`).join("")}</os>
    <devices>
      ${disks.map(([t, f]) => `<disk type='file' device='disk'><source file='${f}'/><target dev='${t}' bus='virtio'/></disk>`).join("")}
      ${nics.map(([m, n]) => `<interface type='network'><mac address='${m}'/><source network='${n}'/><model type='virtio'/></interface>`).join("")}
    </devices></domain>`);

describe("pendingChanges", () => {
  it("finds nothing when the definition is what runs", () => {
    expect(pendingChanges(domain({}), domain({}))).toEqual([]);
  });

  it("says old → new for vCPUs, memory and the boot order", () => {
    const next = domain({ vcpus: 4, memory: "2097152", boot: ["cdrom", "hd"] });
    expect(pendingChanges(domain({}), next)).toEqual([
      { field: "vcpus", key: null, from: "2", to: "4" },
      { field: "memory", key: null, from: "1048576", to: "2097152" },
      { field: "boot", key: null, from: "hd", to: "cdrom, hd" },
    ]);
  });

  it("ignores memory QEMU rounded up to a whole MiB", () => {
    expect(pendingChanges(domain({ memory: "1048576" }), domain({ memory: "1048000" }))).toEqual(
      [],
    );
  });

  it("names disks and NICs added, removed and moved by their target and MAC", () => {
    const next = domain({
      disks: [
        ["vda", "/var/lib/libvirt/images/a.qcow2"],
        ["vdb", "/var/lib/libvirt/images/b.qcow2"],
      ],
      nics: [["52:54:00:00:00:01", "isolated"]],
    });
    const live = domain({
      nics: [
        ["52:54:00:00:00:01", "default"],
        ["52:54:00:00:00:02", "default"],
      ],
    });
    expect(pendingChanges(live, next)).toEqual([
      { field: "disk", key: "vdb", from: null, to: "/var/lib/libvirt/images/b.qcow2 (virtio)" },
      {
        field: "nic",
        key: "52:54:00:00:00:01",
        from: "network default, virtio",
        to: "network isolated, virtio",
      },
      { field: "nic", key: "52:54:00:00:00:02", from: "network default, virtio", to: null },
    ]);
  });
});
