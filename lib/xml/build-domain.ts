// libvirt domain and storage-volume XML, built with XMLBuilder (lib/xml/build-network.ts):
// every value that came from an operator is a text node or attribute value the builder escapes,
// never concatenated into markup.
import type { CreateVmInput } from "@/lib/schemas/vm-create";
import { buildXml } from "./build-network";

/** A disk as it goes into the domain: its host path is already resolved (new, imported, existing). */
export interface DomainDisk {
  path: string;
  format: "qcow2" | "raw";
  bus: "virtio" | "sata";
}

export interface DomainSpec extends Omit<CreateVmInput, "disk" | "hostId" | "start"> {
  disks: DomainDisk[];
  /** Set for an existing domain being rewritten (clone gets a fresh one from libvirt). */
  uuid?: string;
}

type El = Record<string, unknown>;

function diskElement(disk: DomainDisk, dev: string): El {
  return {
    "@type": "file",
    "@device": "disk",
    driver: { "@name": "qemu", "@type": disk.format },
    source: { "@file": disk.path },
    target: { "@dev": dev, "@bus": disk.bus },
  };
}

function targetName(bus: "virtio" | "sata", index: number): string {
  return `${bus === "virtio" ? "vd" : "sd"}${String.fromCharCode(97 + index)}`;
}

function osElement(spec: DomainSpec): El {
  const os: El = {};
  if (spec.firmware === "uefi") os["@firmware"] = "efi";
  // q35 for UEFI (OVMF's secure-boot builds need it); pc otherwise, the widest-supported board.
  os.type = {
    "@arch": "x86_64",
    "@machine": spec.firmware === "uefi" ? "q35" : "pc",
    "#text": "hvm",
  };
  if (spec.source.kind === "kernel") {
    os.kernel = spec.source.kernel;
    if (spec.source.initrd) os.initrd = spec.source.initrd;
    if (spec.source.cmdline) os.cmdline = spec.source.cmdline;
  } else {
    const order = spec.source.kind === "iso" ? ["cdrom", "hd"] : ["hd", "cdrom"];
    os.boot = order.map((dev) => ({ "@dev": dev }));
  }
  return os;
}

function devicesElement(spec: DomainSpec): El {
  const disks: El[] = [];
  let index = 0;
  // An imported disk comes first in `spec.disks`: it is the one the VM boots from.
  for (const disk of spec.disks) disks.push(diskElement(disk, targetName(disk.bus, index++)));
  if (spec.source.kind === "iso")
    disks.push({
      "@type": "file",
      "@device": "cdrom",
      driver: { "@name": "qemu", "@type": "raw" },
      source: { "@file": spec.source.isoPath },
      // CD-ROMs are never virtio; SATA works on both boards (libvirt adds the AHCI controller).
      target: { "@dev": "sdz", "@bus": "sata" },
      readonly: "",
    });
  const devices: El = { disk: disks };
  if (spec.network)
    devices.interface = {
      "@type": "network",
      source: { "@network": spec.network },
      model: { "@type": spec.os === "windows" ? "e1000e" : "virtio" },
    };
  if (spec.serial) {
    devices.serial = { "@type": "pty", target: { "@port": "0" } };
    devices.console = { "@type": "pty", target: { "@type": "serial", "@port": "0" } };
  }
  if (spec.vnc) {
    devices.graphics = {
      "@type": "vnc",
      "@port": "-1",
      "@autoport": "yes",
      "@listen": "127.0.0.1",
    };
    devices.video = { model: { "@type": "vga" } };
  }
  devices.memballoon = { "@model": "virtio" };
  return devices;
}

/** The whole <domain> document for a new VM. */
export function buildDomainXml(spec: DomainSpec): string {
  const domain: El = { "@type": spec.domainType, name: spec.name };
  if (spec.uuid) domain.uuid = spec.uuid;
  if (spec.title) domain.title = spec.title;
  if (spec.description) domain.description = spec.description;
  // The same record virt-install writes, so other tools (and Virtdeck's VM page) know the OS.
  if (spec.osinfoId)
    domain.metadata = {
      "libosinfo:libosinfo": {
        "@xmlns:libosinfo": "http://libosinfo.org/xmlns/libvirt/domain/1.0",
        "libosinfo:os": { "@id": spec.osinfoId },
      },
    };
  domain.memory = { "@unit": "MiB", "#text": String(spec.memoryMib) };
  domain.currentMemory = { "@unit": "MiB", "#text": String(spec.memoryMib) };
  domain.vcpu = { "@placement": "static", "#text": String(spec.vcpus) };
  domain.os = osElement(spec);
  domain.features = { acpi: "", apic: "" };
  if (spec.cpuMode === "host-passthrough") domain.cpu = { "@mode": "host-passthrough" };
  // Windows keeps its clock in local time; everything else in UTC.
  domain.clock = { "@offset": spec.os === "windows" ? "localtime" : "utc" };
  domain.on_poweroff = "destroy";
  domain.on_reboot = "restart";
  domain.on_crash = "destroy";
  domain.devices = devicesElement(spec);
  return buildXml({ domain });
}

/** A new storage volume (<volume>) of `bytes` capacity. */
export function buildVolumeXml(vol: {
  name: string;
  bytes: number;
  format: "qcow2" | "raw";
}): string {
  return buildXml({
    volume: {
      name: vol.name,
      capacity: { "@unit": "bytes", "#text": String(vol.bytes) },
      target: { format: { "@type": vol.format } },
    },
  });
}
