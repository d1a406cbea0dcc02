// What a running VM's persistent definition holds that the running VM does not: changes saved
// for the next boot (Proxmox shows them as pending, in colour, until the guest restarts). Read
// from the live and the inactive XML; pure.
import type { ParsedDomain } from "@/lib/xml/parse-domain";

export type PendingField = "vcpus" | "memory" | "boot" | "disk" | "nic";

/**
 * One value that changes at the next boot: `from` null is an addition, `to` null a removal.
 * vCPUs and memory (KiB) are numbers in text, for the page to format and to edit from.
 */
export interface PendingChange {
  field: PendingField;
  /** The disk's target (vdb) or the NIC's MAC; null for the VM's own values. */
  key: string | null;
  from: string | null;
  to: string | null;
}

type Config = Pick<ParsedDomain, "vcpus" | "memoryKiB" | "boot" | "disks" | "nics">;

function diskText(d: ParsedDomain["disks"][number]): string {
  const what =
    d.device === "disk" ? (d.source ?? "no source") : `${d.device} ${d.source ?? "empty"}`;
  return d.bus ? `${what} (${d.bus})` : what;
}

function nicText(n: ParsedDomain["nics"][number]): string {
  const on = n.source ? `${n.type} ${n.source}` : n.type;
  return n.model ? `${on}, ${n.model}` : on;
}

/** Items of two lists by key, changed where their text differs. */
function byKey<T>(
  field: PendingField,
  now: T[],
  next: T[],
  key: (t: T) => string,
  show: (t: T) => string,
): PendingChange[] {
  const before = new Map(now.map((t) => [key(t), show(t)]));
  const after = new Map(next.map((t) => [key(t), show(t)]));
  const changes: PendingChange[] = [];
  for (const [k, from] of before) {
    const to = after.get(k) ?? null;
    if (to !== from) changes.push({ field, key: k, from, to });
  }
  for (const [k, to] of after) if (!before.has(k)) changes.push({ field, key: k, from: null, to });
  return changes;
}

export function pendingChanges(live: Config, next: Config): PendingChange[] {
  const changes: PendingChange[] = [];
  if (live.vcpus !== next.vcpus)
    changes.push({ field: "vcpus", key: null, from: String(live.vcpus), to: String(next.vcpus) });
  // QEMU rounds a running guest's memory up to whole MiB: only a change beyond that is one.
  if (Math.ceil(live.memoryKiB / 1024) !== Math.ceil(next.memoryKiB / 1024))
    changes.push({
      field: "memory",
      key: null,
      from: String(live.memoryKiB),
      to: String(next.memoryKiB),
    });
  const [bootNow, bootNext] = [live.boot.join(", "), next.boot.join(", ")];
  if (bootNow !== bootNext)
    changes.push({ field: "boot", key: null, from: bootNow || null, to: bootNext || null });
  changes.push(...byKey("disk", live.disks, next.disks, (d) => d.target, diskText));
  changes.push(...byKey("nic", live.nics, next.nics, (n) => n.mac, nicText));
  return changes;
}
