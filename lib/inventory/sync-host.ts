// Keeps a host's VMs in the inventory current: a full sync on every (re)connect, then
// lifecycle events. Runs as the connection manager's onOnline hook.

import { db } from "@/lib/db/client";
import type { Connection, DomainLifecycleEvent, DomainRef } from "@/lib/libvirt";
import { subscribeNetworkEvents } from "@/lib/networks/network-events";
import { subscribeStorageEvents } from "@/lib/storage/storage-events";
import { mapLimit } from "@/lib/util/map-limit";
import { observeDomain } from "./observe-domain";
import { markGone, recordVmEvent, saveObservation } from "./vm-store";
import {
  AFTER_SYNC_MS,
  type AwaitingAddress,
  awaitingAddress,
  watchAddresses,
} from "./watch-addresses";

/** Stats bits for CONNECT_GET_ALL_DOMAIN_STATS: state, balloon (memory) and vCPU. */
const STATS_STATE_BALLOON_VCPU = 1 | 4 | 8;
const IN_FLIGHT = 4;

/** One all-domain-stats call tells which domains changed; only those have their XML read. */
export async function fullSync(hostId: string, conn: Connection): Promise<void> {
  const [domains, stats, known, host] = await Promise.all([
    conn.domains.list(0),
    conn.domainExtras.allStats(STATS_STATE_BALLOON_VCPU),
    db.vm.findMany({ where: { hostId } }),
    db.host.findUniqueOrThrow({ where: { id: hostId }, select: { name: true } }),
  ]);
  const knownByUuid = new Map(known.map((vm) => [vm.uuid, vm]));
  const statsByUuid = new Map(stats.map((s) => [s.dom.uuid, s.stats]));
  const awaiting: AwaitingAddress[] = [];
  await mapLimit(domains, IN_FLIGHT, async (dom) => {
    const before = knownByUuid.get(dom.uuid);
    const s = statsByUuid.get(dom.uuid);
    const changed =
      !before ||
      before.goneAt !== null ||
      before.bootOrder === null ||
      before.name !== dom.name ||
      Number(s?.["vcpu.current"] ?? before.vcpus) !== before.vcpus ||
      Number(s?.["balloon.maximum"] ?? before.maxMemoryKiB) !== before.maxMemoryKiB ||
      dom.id > 0 !== (before.state !== "shut off");
    // The rows read above spare each save a lookup (1,000 VMs: seconds of Prisma work).
    const obs = await observeDomain(conn, dom, changed);
    await saveObservation(hostId, obs, { row: before, hostName: host.name });
    const waiting = awaitingAddress(dom, obs, before?.nics);
    if (waiting) awaiting.push(waiting);
  });
  // Guests still taking their lease (started just before the server, or before the host was added).
  watchAddresses(hostId, conn, awaiting, AFTER_SYNC_MS);
  await markGone(
    hostId,
    domains.map((d) => d.uuid),
  );
}

async function onLifecycle(
  hostId: string,
  conn: Connection,
  e: DomainLifecycleEvent,
): Promise<void> {
  await recordVmEvent(hostId, e.dom.uuid, "lifecycle", `${e.event} (${e.detail})`);
  let dom: DomainRef;
  try {
    dom = await conn.domains.lookupByUuid(e.dom.uuid);
  } catch {
    // Undefined, or a transient domain that stopped: it is no longer on the host.
    return markGone(
      hostId,
      (await conn.domains.list(0)).map((d) => d.uuid),
    );
  }
  const obs = await observeDomain(conn, dom, true);
  await saveObservation(hostId, obs);
  const waiting = awaitingAddress(dom, obs);
  if (waiting && (e.event === "started" || e.event === "resumed"))
    watchAddresses(hostId, conn, [waiting]);
}

export async function subscribeHostEvents(hostId: string, conn: Connection): Promise<void> {
  await subscribeNetworkEvents(hostId, conn);
  await subscribeStorageEvents(hostId, conn);
  await conn.events.subscribe("domain-lifecycle", (e) => onLifecycle(hostId, conn, e));
  await conn.events.subscribe("domain-reboot", (e) =>
    recordVmEvent(hostId, e.dom.uuid, "reboot", "rebooted"),
  );
  await conn.events.subscribe("domain-device-removed", async (e) => {
    await recordVmEvent(hostId, e.dom.uuid, "device", `device ${e.devAlias} removed`);
    await saveObservation(hostId, await observeDomain(conn, e.dom, true));
  });
  // A NIC plugged into a running guest takes its lease seconds later: look for it as after a start.
  await conn.events.subscribe("domain-device-added", async (e) => {
    await recordVmEvent(hostId, e.dom.uuid, "device", `device ${e.devAlias} added`);
    const obs = await observeDomain(conn, e.dom, true);
    await saveObservation(hostId, obs);
    const waiting = awaitingAddress(e.dom, obs);
    if (waiting) watchAddresses(hostId, conn, [waiting]);
  });
}
