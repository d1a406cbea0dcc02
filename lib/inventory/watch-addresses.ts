// A guest takes its DHCP lease seconds after it starts, and libvirt sends no event for it: after
// a start, a NIC plugged in, or a full sync that found guests still without one, look again a few
// times with growing pauses until each NIC (by MAC) has an address. Only addresses are written:
// state comes from lifecycle events, never from this late look.
import type { Connection, DomainRef } from "@/lib/libvirt";
import { mapLimit } from "@/lib/util/map-limit";
import { type DomainObservation, readAddresses } from "./observe-domain";
import { saveAddresses } from "./vm-store";

/** A running guest with a NIC (by MAC) that has no address yet. */
export interface AwaitingAddress {
  dom: DomainRef;
  macs: string[];
}

/** After one guest started or got a NIC: soon and often. */
export const AFTER_START_MS = [1_000, 2_000, 3_000, 5_000, 8_000, 13_000, 21_000, 34_000];
/** After a full sync: three passes over every guest still waiting. */
export const AFTER_SYNC_MS = [5_000, 15_000, 40_000];
const IN_FLIGHT = 4;

/**
 * The guest of an observation, if it runs and a NIC of it has no address. `previousNics` (the
 * stored row's JSON) names its NICs when the observation did not read the XML.
 */
export function awaitingAddress(
  dom: DomainRef,
  obs: DomainObservation,
  previousNics?: string | null,
): AwaitingAddress | null {
  if (!obs.active) return null;
  const nics: { mac: string }[] = obs.parsed?.nics ?? JSON.parse(previousNics ?? "[]");
  const macs = nics.map((n) => n.mac);
  return macs.some((mac) => !obs.ipsByMac?.has(mac)) ? { dom, macs } : null;
}

/**
 * Looks again at the waiting guests after each pause: all of them in one pass, a few calls in
 * flight, so a large host costs a bounded number of passes rather than a timer per VM. A guest
 * leaves once each of its NICs has an address, or when its row cannot be written (removed).
 */
export function watchAddresses(
  hostId: string,
  conn: Connection,
  awaiting: AwaitingAddress[],
  pausesMs: readonly number[] = AFTER_START_MS,
): void {
  let waiting = awaiting;
  let step = 0;
  const pass = async () => {
    if (conn.closed) return;
    const still: AwaitingAddress[] = [];
    await mapLimit(waiting, IN_FLIGHT, async (vm) => {
      const ipsByMac = await readAddresses(conn, vm.dom);
      const saved = await saveAddresses(hostId, vm.dom.uuid, ipsByMac).then(
        () => true,
        () => false,
      );
      if (saved && vm.macs.some((mac) => !ipsByMac.has(mac))) still.push(vm);
    });
    waiting = still;
    if (waiting.length > 0 && step < pausesMs.length)
      setTimeout(() => void pass(), pausesMs[step++]).unref();
  };
  if (waiting.length > 0) setTimeout(() => void pass(), pausesMs[step++]).unref();
}
