// The wizard's form state, its OS presets and its conversion to the create schema's fields.
import type { CreateVmFields } from "@/lib/schemas/vm-create";
import type { CreateVmOptions } from "@/lib/vms/create-options";

export type OsPreset = "linux" | "windows" | "other";

export interface WizardState {
  name: string;
  title: string;
  description: string;
  os: OsPreset;
  /** A libosinfo OS id, or "" for the preset alone. */
  osinfoId: string;
  sourceKind: "iso" | "import" | "kernel";
  isoPath: string;
  importPath: string;
  kernel: string;
  initrd: string;
  cmdline: string;
  vcpus: string;
  cpuMode: "default" | "host-passthrough";
  memoryMib: string;
  firmware: "bios" | "uefi";
  diskMode: "new" | "existing" | "none";
  pool: string;
  sizeGib: string;
  format: "qcow2" | "raw";
  existingPath: string;
  diskBus: "virtio" | "sata";
  network: string;
  vnc: boolean;
  serial: boolean;
  domainType: "kvm" | "qemu";
  start: boolean;
}

/** Sensible defaults per OS family; a specific OS from osinfo-db refines them. */
export const OS_PRESETS: Record<
  OsPreset,
  { label: string; values: Pick<WizardState, "vcpus" | "memoryMib" | "sizeGib" | "diskBus"> }
> = {
  linux: {
    label: "Linux",
    values: { vcpus: "2", memoryMib: "2048", sizeGib: "20", diskBus: "virtio" },
  },
  windows: {
    label: "Windows",
    // Windows has no virtio drivers out of the box: SATA disks, more memory and disk.
    values: { vcpus: "2", memoryMib: "4096", sizeGib: "64", diskBus: "sata" },
  },
  other: {
    label: "Other",
    values: { vcpus: "1", memoryMib: "1024", sizeGib: "10", diskBus: "sata" },
  },
};

export function initialState(options: CreateVmOptions): WizardState {
  return {
    name: "",
    title: "",
    description: "",
    os: "linux",
    osinfoId: "",
    sourceKind: "iso",
    isoPath: "",
    importPath: "",
    kernel: "",
    initrd: "",
    cmdline: "console=ttyS0",
    cpuMode: "default",
    firmware: "bios",
    diskMode: "new",
    pool: options.pools.find((p) => p.active)?.name ?? "",
    format: "qcow2",
    existingPath: "",
    network: options.networks.find((n) => n.active)?.name ?? "",
    vnc: true,
    serial: true,
    domainType: options.kvm ? "kvm" : "qemu",
    start: true,
    ...OS_PRESETS.linux.values,
  };
}

/**
 * The state carried to another host: what still applies stays (name, OS, sizes, source kind,
 * kernel paths); volumes, pool and network are the old host's and are chosen again, firmware
 * and domain type fall back where the new host lacks them.
 */
export function onOtherHost(s: WizardState, options: CreateVmOptions): WizardState {
  const fresh = initialState(options);
  const pool = options.pools.some((p) => p.name === s.pool && p.active) ? s.pool : fresh.pool;
  const hasNetwork = options.networks.some((n) => n.name === s.network);
  return {
    ...s,
    isoPath: "",
    importPath: "",
    existingPath: "",
    pool,
    network: hasNetwork ? s.network : fresh.network,
    firmware: s.firmware === "uefi" && !options.uefi ? "bios" : s.firmware,
    domainType: s.domainType === "kvm" && !options.kvm ? "qemu" : s.domainType,
  };
}

/** The warnings of the CPU step for these figures on this host (null when within it). */
export function resourceWarnings(
  vcpus: string,
  memoryMib: string,
  host: CreateVmOptions["host"],
): { vcpus: string | null; memory: string | null } {
  const [cpus, mib] = [Number(vcpus), Number(memoryMib)];
  return {
    vcpus:
      host && cpus > host.cpus
        ? `vCPUs: more than this host's ${host.cpus} CPUs; the VM runs, its vCPUs sharing them`
        : null,
    memory:
      host && mib > host.memoryMib
        ? `Memory: more than this host's ${host.memoryMib} MiB; the guest may be starved or killed when it uses it`
        : null,
  };
}

function source(s: WizardState): CreateVmFields["source"] {
  if (s.sourceKind === "iso") return { kind: "iso", isoPath: s.isoPath };
  if (s.sourceKind === "import") return { kind: "import", diskPath: s.importPath };
  return { kind: "kernel", kernel: s.kernel, initrd: s.initrd, cmdline: s.cmdline };
}

function disk(s: WizardState): CreateVmFields["disk"] {
  if (s.diskMode === "new")
    return { mode: "new", pool: s.pool, sizeGib: s.sizeGib, format: s.format };
  if (s.diskMode === "existing") return { mode: "existing", path: s.existingPath };
  return { mode: "none" };
}

export function toFields(hostId: string, s: WizardState): CreateVmFields {
  return {
    hostId,
    name: s.name,
    title: s.title,
    description: s.description,
    os: s.os,
    osinfoId: s.osinfoId,
    source: source(s),
    vcpus: s.vcpus,
    cpuMode: s.cpuMode,
    memoryMib: s.memoryMib,
    firmware: s.firmware,
    disk: disk(s),
    diskBus: s.diskBus,
    network: s.network,
    vnc: s.vnc,
    serial: s.serial,
    domainType: s.domainType,
    start: s.start,
  };
}
