// The shapes of pools and volumes as pages, the JSON API and other features (VM creation) see them.
import type { PoolType } from "@/lib/schemas/storage";

export interface StorageVm {
  id: string;
  name: string;
  state: string;
}

export interface PoolSummary {
  hostId: string;
  hostName: string;
  name: string;
  uuid: string;
  type: string;
  path: string | null;
  source: string | null;
  state: string;
  active: boolean;
  autostart: boolean;
  persistent: boolean;
  /** Bytes (0 while the pool is inactive). */
  capacity: number;
  allocation: number;
  available: number;
}

export interface VolumeSummary {
  name: string;
  /** The file or device path on the host: what a VM's disk source names. */
  path: string;
  /** qcow2, raw, iso, … as libvirt reports it. */
  format: string | null;
  type: string;
  capacity: number;
  allocation: number;
  backingPath: string | null;
  /** Inventory VMs with a disk on this volume. */
  usedBy: StorageVm[];
}

export interface HostPools {
  hostId: string;
  hostName: string;
  status: string;
  error: string | null;
  pools: PoolSummary[];
  /** The pool types Virtdeck can create here that the host supports ("dir", "logical", …). */
  poolTypes: PoolType[];
}

export interface PoolDetail extends PoolSummary {
  volumes: VolumeSummary[];
  xml: string;
}

/** One pool's volumes, for pickers (the VM wizard and the VM page). */
export interface PoolVolumes {
  pool: string;
  active: boolean;
  volumes: VolumeSummary[];
}

/** ISO images (libvirt probes the format of a dir pool's files; an upload keeps its .iso name). */
export function isIsoVolume(v: Pick<VolumeSummary, "name" | "format">): boolean {
  return v.format === "iso" || v.name.toLowerCase().endsWith(".iso");
}
