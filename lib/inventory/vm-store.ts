// Writes observations into the Vm table and tells browsers about every change.
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { publish } from "@/lib/live/bus";
import type { DomainObservation } from "./observe-domain";
import type { NicSummary } from "./summaries";
import { toVmSummary } from "./summaries";

function nicsWithIps(obs: DomainObservation, previousNics: string | null): string | undefined {
  const base: Omit<NicSummary, "ips">[] | null =
    obs.parsed?.nics ?? (previousNics ? JSON.parse(previousNics) : null);
  if (!base) return undefined;
  return JSON.stringify(
    base.map((nic) => ({ ...nic, ips: obs.active ? (obs.ipsByMac?.get(nic.mac) ?? []) : [] })),
  );
}

/** Inserts or updates the VM; returns its id. */
export async function saveObservation(hostId: string, obs: DomainObservation): Promise<string> {
  const existing = await db.vm.findUnique({ where: { hostId_uuid: { hostId, uuid: obs.uuid } } });
  const now = new Date();
  const wasActive = existing ? existing.startedAt !== null : false;
  const data: Prisma.VmUncheckedUpdateInput = {
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
          osHint: obs.parsed.osHint,
          disks: JSON.stringify(obs.parsed.disks),
          graphics: JSON.stringify(obs.parsed.graphics),
        }
      : {}),
  };
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

/** Marks VMs of a host that are no longer there as gone (their tags and notes stay). */
export async function markGone(hostId: string, presentUuids: readonly string[]): Promise<void> {
  const gone = await db.vm.findMany({
    where: { hostId, goneAt: null, uuid: { notIn: [...presentUuids] } },
    include: { host: { select: { name: true } } },
  });
  const now = new Date();
  for (const vm of gone) {
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
