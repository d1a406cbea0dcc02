// The shapes of hosts and VMs as pages, the JSON API and the live stream show them.
import type { Host, Vm } from "@/lib/generated/prisma/client";
import type { PendingChange } from "./pending";

export interface HostSummary {
  id: string;
  name: string;
  uri: string;
  /** online | connecting | offline */
  status: string;
  lastError: string | null;
  statusChangedAt: string | null;
  lastSeenAt: string | null;
  /** In maintenance: no new VMs land here. */
  maintenance: boolean;
}

export interface DiskSummary {
  target: string;
  device: string;
  source: string | null;
  bus: string | null;
  format: string | null;
}

export interface NicSummary {
  mac: string;
  type: string;
  /** The libvirt network or host bridge the NIC is on. */
  source: string | null;
  model: string | null;
  ips: string[];
}

export interface GraphicsSummary {
  type: string;
  port: number | null;
  listen: string | null;
}

export interface VmSummary {
  id: string;
  hostId: string;
  hostName: string;
  uuid: string;
  name: string;
  /** As virsh prints it: running, idle, paused, in shutdown, shut off, crashed, pmsuspended. */
  state: string;
  stateReason: string | null;
  vcpus: number;
  memoryKiB: number;
  maxMemoryKiB: number;
  osHint: string | null;
  disks: DiskSummary[];
  nics: NicSummary[];
  graphics: GraphicsSummary[];
  /** Boot devices in order, as the running VM (or the shut-off definition) has them. */
  bootOrder: string[];
  /** Changes saved for the next boot of a running VM, shown as old → new until it restarts. */
  pending: PendingChange[];
  autostart: boolean;
  persistent: boolean;
  tags: string[];
  notes: string;
  gone: boolean;
  startedAt: string | null;
  lastSeenAt: string;
}

/** One line of a VM's history: a lifecycle change, a reboot, a device added or removed. */
export interface VmEventRow {
  id: string;
  at: string;
  kind: string;
  message: string;
}

/** What the VM list needs of a VM: the page ships 1,000 of these, so the heavy fields stay out. */
export type VmListItem = Omit<VmSummary, "disks" | "graphics" | "notes" | "bootOrder" | "pending">;

export function toVmListItem({
  disks: _d,
  graphics: _g,
  notes: _n,
  bootOrder: _b,
  pending: _p,
  ...item
}: VmSummary): VmListItem {
  return item;
}

function parseJson<T>(text: string, fallback: T): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

export function toHostSummary(host: Host): HostSummary {
  return {
    id: host.id,
    name: host.name,
    uri: host.uri,
    status: host.status,
    lastError: host.lastError,
    statusChangedAt: host.statusChangedAt?.toISOString() ?? null,
    lastSeenAt: host.lastSeenAt?.toISOString() ?? null,
    maintenance: host.maintenance,
  };
}

export function toVmSummary(vm: Vm & { host: Pick<Host, "name"> }): VmSummary {
  return {
    id: vm.id,
    hostId: vm.hostId,
    hostName: vm.host.name,
    uuid: vm.uuid,
    name: vm.name,
    state: vm.state,
    stateReason: vm.stateReason,
    vcpus: vm.vcpus,
    memoryKiB: vm.memoryKiB,
    maxMemoryKiB: vm.maxMemoryKiB,
    osHint: vm.osHint,
    disks: parseJson(vm.disks, []),
    nics: parseJson(vm.nics, []),
    graphics: parseJson(vm.graphics, []),
    bootOrder: parseJson(vm.bootOrder ?? "[]", []),
    pending: parseJson(vm.pending, []),
    autostart: vm.autostart,
    persistent: vm.persistent,
    tags: parseJson(vm.tags, []),
    notes: vm.notes,
    gone: vm.goneAt !== null,
    startedAt: vm.startedAt?.toISOString() ?? null,
    lastSeenAt: vm.lastSeenAt.toISOString(),
  };
}
