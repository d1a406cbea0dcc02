// Writes observations into the Vm table and tells browsers about every change.
import { db } from "@/lib/db/client";
import type { Prisma, Vm } from "@/lib/generated/prisma/client";
import { publish } from "@/lib/live/bus";
import { findOs } from "@/lib/osinfo/catalog";
import type { ParsedDomain } from "@/lib/xml/parse-domain";
import { adoptArrivingRow, movingFrom } from "./moving-vms";
import type { DomainObservation } from "./observe-domain";
import type { NicSummary } from "./summaries";
import { toVmSummary } from "./summaries";

/** The OS line of a VM: its osinfo-db name when Virtdeck knows the id, else the XML's hint. */
function osName(parsed: ParsedDomain): string | null {
  const known = parsed.osinfoId ? findOs(parsed.osinfoId) : undefined;
  return known?.name ?? parsed.osHint;
}

function nicsWithIps(obs: DomainObservation, previousNics: string | null): string | undefined {
  const base: Omit<NicSummary, "ips">[] | null =
    obs.parsed?.nics ?? (previousNics ? JSON.parse(previousNics) : null);
  if (!base) return undefined;
  return JSON.stringify(
    base.map((nic) => ({ ...nic, ips: obs.active ? (obs.ipsByMac?.get(nic.mac) ?? []) : [] })),
  );
}

function observationData(
  obs: DomainObservation,
  existing: Vm | null,
  now: Date,
): Prisma.VmUncheckedUpdateInput {
  const wasActive = existing ? existing.startedAt !== null : false;
  return {
    name: obs.name,
    state: obs.state,
    stateReason: obs.stateReason,
    vcpus: obs.vcpus,
    memoryKiB: obs.memoryKiB,
    maxMemoryKiB: obs.maxMemoryKiB,
    autostart: obs.autostart,
    persistent: obs.persistent,
    goneAt: null,
    lastSeenAt: now,
    startedAt: obs.active ? (wasActive ? existing?.startedAt : now) : null,
    nics: nicsWithIps(obs, existing?.nics ?? null),
    ...(obs.parsed
      ? {
          osHint: osName(obs.parsed),
          disks: JSON.stringify(obs.parsed.disks),
          graphics: JSON.stringify(obs.parsed.graphics),
          bootOrder: JSON.stringify(obs.parsed.boot),
        }
      : {}),
    // Read with the XML; a VM seen shut off has nothing waiting for its next boot.
    ...(obs.pending
      ? { pending: JSON.stringify(obs.pending) }
      : obs.active
        ? {}
        : { pending: "[]" }),
  };
}

/** The VM's row as a full sync read it (undefined: not in the inventory) and its host's name. */
export interface KnownVm {
  row: Vm | undefined;
  hostName: string;
}

/**
 * Inserts or updates the VM; returns its id. With `known` (a full sync reads every row of the
 * host at once) it writes without looking the row up, unless the row changed since it was read
 * (a lifecycle event got there first): then it reads it again, as without `known`.
 */
export async function saveObservation(
  hostId: string,
  obs: DomainObservation,
  known?: KnownVm,
): Promise<string> {
  const now = new Date();
  // A VM migrating away: its row is the target's now (moving-vms.ts); the source says nothing.
  if (movingFrom(hostId, obs.uuid)) {
    const row = await db.vm.findFirst({ where: { uuid: obs.uuid }, select: { id: true } });
    return row?.id ?? "";
  }
  await adoptArrivingRow(hostId, obs.uuid);
  if (known) {
    const vm = await writeKnown(hostId, obs, known.row, now).catch(ignoreRace);
    if (vm) {
      publish({ type: "vm", vm: toVmSummary({ ...vm, host: { name: known.hostName } }) });
      return vm.id;
    }
  }
  const existing = await db.vm.findUnique({ where: { hostId_uuid: { hostId, uuid: obs.uuid } } });
  const data = observationData(obs, existing, now);
  const vm = existing
    ? await db.vm.update({
        where: { id: existing.id },
        data,
        include: { host: { select: { name: true } } },
      })
    : await db.vm.create({
        data: {
          ...(data as Prisma.VmUncheckedCreateInput),
          hostId,
          uuid: obs.uuid,
          firstSeenAt: now,
        },
        include: { host: { select: { name: true } } },
      });
  publish({ type: "vm", vm: toVmSummary(vm) });
  return vm.id;
}

/** One write and no lookup; fails (P2025/P2002) when the row is no longer as it was read. */
function writeKnown(
  hostId: string,
  obs: DomainObservation,
  row: Vm | undefined,
  now: Date,
): Promise<Vm> {
  const data = observationData(obs, row ?? null, now);
  return row
    ? db.vm.update({ where: { id: row.id, updatedAt: row.updatedAt }, data })
    : db.vm.create({
        data: {
          ...(data as Prisma.VmUncheckedCreateInput),
          hostId,
          uuid: obs.uuid,
          firstSeenAt: now,
        },
      });
}

/** Null for "the row changed since it was read" (updated, created or forgotten meanwhile). */
function ignoreRace(error: unknown): null {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === "P2025" || code === "P2002") return null;
  throw error;
}

/** Marks VMs of a host that are no longer there as gone (their tags and notes stay). */
export async function markGone(hostId: string, presentUuids: readonly string[]): Promise<void> {
  // Compared here, not with `uuid NOT IN (…)`: SQLite refuses a query with more than 999
  // parameters, so a host with 1,000 VMs could never finish a sync.
  const present = new Set(presentUuids);
  const listed = await db.vm.findMany({
    where: { hostId, goneAt: null },
    select: { id: true, uuid: true },
  });
  const now = new Date();
  for (const vm of listed) {
    if (present.has(vm.uuid) || movingFrom(hostId, vm.uuid)) continue;
    const updated = await db.vm.update({
      where: { id: vm.id },
      data: { goneAt: now, state: "gone", stateReason: null, startedAt: null },
      include: { host: { select: { name: true } } },
    });
    publish({ type: "vm", vm: toVmSummary(updated) });
  }
}

export async function recordVmEvent(
  hostId: string,
  uuid: string,
  kind: string,
  message: string,
): Promise<void> {
  const vm = await db.vm.findUnique({
    where: { hostId_uuid: { hostId, uuid } },
    select: { id: true },
  });
  if (vm) await db.vmEvent.create({ data: { vmId: vm.id, kind, message } });
}

/**
 * Writes only the NICs' addresses of a VM still seen running, leaving its state alone: an
 * address lookup that finishes late must not put back a state that has changed since.
 */
export async function saveAddresses(
  hostId: string,
  uuid: string,
  ipsByMac: Map<string, string[]>,
): Promise<void> {
  const vm = await db.vm.findUnique({ where: { hostId_uuid: { hostId, uuid } } });
  if (!vm || vm.goneAt || vm.startedAt === null) return;
  const nics = (JSON.parse(vm.nics) as NicSummary[]).map((nic) => ({
    ...nic,
    ips: ipsByMac.get(nic.mac) ?? nic.ips,
  }));
  const updated = await db.vm.update({
    where: { id: vm.id },
    data: { nics: JSON.stringify(nics) },
    include: { host: { select: { name: true } } },
  });
  publish({ type: "vm", vm: toVmSummary(updated) });
}
