// Rates from libvirt's counters: each tick's counters against the previous tick's of the same
// run of the VM. Pure. A VM that was restarted (a new domain id), a counter that went back (a
// disk unplugged) or a first sample gives no rate for that field rather than a spike.
import type { HostSample, VmSample } from "./fields";

export type Stats = Record<string, number | bigint | boolean | string>;

/** The counters of one running VM at one moment, as all-domain stats give them. */
export interface VmCounters {
  /** When they were read, in ms. */
  at: number;
  /** libvirt's domain id: a new one for every start, so a restart is never taken for a rate. */
  domId: number;
  vcpus: number;
  /** ns of CPU time, all vCPUs. */
  cpuTime: number | null;
  /** A gauge, not a counter: bytes the guest uses. */
  memUsed: number | null;
  diskRead: number | null;
  diskWrite: number | null;
  diskReadOps: number | null;
  diskWriteOps: number | null;
  netRx: number | null;
  netTx: number | null;
  netRxPkts: number | null;
  netTxPkts: number | null;
}

/** A typed-parameter value as a number (libvirt's counters come as bigints), else null. */
export function num(v: Stats[string] | undefined): number | null {
  if (typeof v === "number") return v;
  if (typeof v === "bigint") return Number(v);
  return null;
}

/** Sums `prefix.<i>.<suffix>` over `prefix.count` devices; null when no device has it. */
function sum(stats: Stats, prefix: "block" | "net", suffix: string): number | null {
  const count = num(stats[`${prefix}.count`]) ?? 0;
  let total: number | null = null;
  for (let i = 0; i < count; i++) {
    const v = num(stats[`${prefix}.${i}.${suffix}`]);
    if (v !== null) total = (total ?? 0) + v;
  }
  return total;
}

/**
 * The guest's own view of its memory when its balloon driver reports it (available − unused),
 * else what QEMU holds on the host (rss), else unknown.
 */
function memoryUsed(stats: Stats): number | null {
  const available = num(stats["balloon.available"]);
  const unused = num(stats["balloon.unused"]);
  if (available !== null && unused !== null) return (available - unused) * 1024;
  const rss = num(stats["balloon.rss"]);
  return rss === null ? null : rss * 1024;
}

export function vmCounters(stats: Stats, domId: number, at: number): VmCounters {
  return {
    at,
    domId,
    vcpus: num(stats["vcpu.current"]) ?? 1,
    cpuTime: num(stats["cpu.time"]),
    memUsed: memoryUsed(stats),
    diskRead: sum(stats, "block", "rd.bytes"),
    diskWrite: sum(stats, "block", "wr.bytes"),
    diskReadOps: sum(stats, "block", "rd.reqs"),
    diskWriteOps: sum(stats, "block", "wr.reqs"),
    netRx: sum(stats, "net", "rx.bytes"),
    netTx: sum(stats, "net", "tx.bytes"),
    netRxPkts: sum(stats, "net", "rx.pkts"),
    netTxPkts: sum(stats, "net", "tx.pkts"),
  };
}

/** Per second between two readings of one counter; null across a reset or a missing reading. */
function perSecond(before: number | null, after: number | null, seconds: number): number | null {
  if (before === null || after === null || after < before) return null;
  return (after - before) / seconds;
}

const COUNTERS = [
  "diskRead",
  "diskWrite",
  "diskReadOps",
  "diskWriteOps",
  "netRx",
  "netTx",
  "netRxPkts",
  "netTxPkts",
] as const;

/** The VM's sample for the interval ending at `cur`, or null when there is nothing to compare. */
export function vmRates(prev: VmCounters | undefined, cur: VmCounters): VmSample | null {
  if (!prev || prev.domId !== cur.domId || cur.at <= prev.at) return null;
  const seconds = (cur.at - prev.at) / 1000;
  const cpuNs = perSecond(prev.cpuTime, cur.cpuTime, seconds);
  const sample = {
    // ns of CPU per second of wall time, over what its vCPUs could give; capped as virt-top does.
    cpu: cpuNs === null ? null : Math.min(100, (cpuNs / 1e9 / Math.max(1, cur.vcpus)) * 100),
    memUsed: cur.memUsed,
  } as VmSample;
  for (const field of COUNTERS) sample[field] = perSecond(prev[field], cur[field], seconds);
  return sample;
}

/** The host's CPU time counters (ns) and memory (KiB), as nodeGetCPUStats/MemoryStats give them. */
export interface HostCounters {
  at: number;
  cpu: Record<string, bigint>;
  memory: Record<string, bigint>;
  vmsRunning: number;
}

const n = (v: bigint | undefined) => (v === undefined ? null : Number(v));

export function hostRates(prev: HostCounters | undefined, cur: HostCounters): HostSample {
  const total = n(cur.memory.total);
  const free = n(cur.memory.free);
  const memUsed =
    total === null || free === null
      ? null
      : (total - free - (n(cur.memory.buffers) ?? 0) - (n(cur.memory.cached) ?? 0)) * 1024;
  let cpu: number | null = null;
  if (prev && cur.at > prev.at) {
    // Waiting for I/O is not busy (top shows it apart, as wa).
    const busy = (c: Record<string, bigint>) => (n(c.user) ?? 0) + (n(c.kernel) ?? 0);
    const all = (c: Record<string, bigint>) => busy(c) + (n(c.idle) ?? 0) + (n(c.iowait) ?? 0);
    const dAll = all(cur.cpu) - all(prev.cpu);
    const dBusy = busy(cur.cpu) - busy(prev.cpu);
    if (dAll > 0 && dBusy >= 0) cpu = Math.min(100, (dBusy / dAll) * 100);
  }
  return {
    cpu,
    memUsed,
    memTotal: total === null ? null : total * 1024,
    vmsRunning: cur.vmsRunning,
  };
}
