// What each kind of series records, in the order its points store the values. Pure: the
// browser imports the names, units and words for its graphs and columns.

export const VM_FIELDS = [
  "cpu", // % of the VM's own vCPUs (100 = every vCPU busy)
  "memUsed", // bytes the guest uses (balloon: available − unused), else QEMU's RSS
  "diskRead", // bytes/s, all disks
  "diskWrite",
  "diskReadOps", // requests/s
  "diskWriteOps",
  "netRx", // bytes/s, all interfaces
  "netTx",
  "netRxPkts", // packets/s
  "netTxPkts",
] as const;

export const HOST_FIELDS = [
  "cpu", // % of all the host's CPUs
  "memUsed", // bytes: total − free − buffers − cached
  "memTotal",
  "vmsRunning",
] as const;

export const POOL_FIELDS = ["used", "capacity"] as const; // bytes

export const SERIES_FIELDS = { vm: VM_FIELDS, host: HOST_FIELDS, pool: POOL_FIELDS } as const;
export type SeriesKind = keyof typeof SERIES_FIELDS;

export type VmField = (typeof VM_FIELDS)[number];
export type HostField = (typeof HOST_FIELDS)[number];
export type PoolField = (typeof POOL_FIELDS)[number];

/** One sample of a series: a value per field, null where it is not known (no balloon driver). */
export type Sample<F extends string> = Record<F, number | null>;
export type VmSample = Sample<VmField>;
export type HostSample = Sample<HostField>;
export type PoolSample = Sample<PoolField>;

export type MetricUnit = "percent" | "bytes" | "bytes/s" | "ops/s" | "packets/s" | "count";

export const FIELD_UNITS: Record<VmField | HostField | PoolField, MetricUnit> = {
  cpu: "percent",
  memUsed: "bytes",
  memTotal: "bytes",
  vmsRunning: "count",
  diskRead: "bytes/s",
  diskWrite: "bytes/s",
  diskReadOps: "ops/s",
  diskWriteOps: "ops/s",
  netRx: "bytes/s",
  netTx: "bytes/s",
  netRxPkts: "packets/s",
  netTxPkts: "packets/s",
  used: "bytes",
  capacity: "bytes",
};
