// The latest sample of every running VM and every online host, with a short CPU trail for the
// list's sparklines: kept in memory by the collector (on globalThis: Next's bundle reads what
// server.ts's copy writes) for pages and the API that show usage now.
import type { HostSample, VmSample } from "./fields";

/** How many recent CPU values a VM keeps for its sparkline (2 minutes at 5 s). */
export const TRAIL = 24;

export interface VmNow {
  /** The inventory row's id (for links), null until the inventory has the VM. */
  id: string | null;
  name: string;
  hostId: string;
  /** ms */
  at: number;
  sample: VmSample;
  cpuTrail: (number | null)[];
}

export interface HostNow {
  at: number;
  sample: HostSample;
  /** ms the last collection of this host took. */
  collectMs: number;
  /** Its active pools as last read (every minute). */
  pools: PoolNow[];
}

export interface PoolNow {
  name: string;
  used: number;
  capacity: number;
}

/** A running VM's raw counters of the last round, for the Prometheus scrape (counters, not rates). */
export interface VmRaw {
  hostId: string;
  name: string;
  stats: Record<string, number | bigint | boolean | string>;
}

interface Current {
  vms: Map<string, VmNow>;
  hosts: Map<string, HostNow>;
  raw: Map<string, VmRaw>;
}

const KEY = Symbol.for("virtdeck.metrics-now");
const store = globalThis as unknown as Record<symbol, Current | undefined>;

export function metricsNow(): Current {
  store[KEY] ??= { vms: new Map(), hosts: new Map(), raw: new Map() };
  return store[KEY];
}
