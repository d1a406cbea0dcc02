// A guest takes its DHCP lease seconds after it starts, and libvirt sends no event for it:
// after a start, look again a few times with growing pauses until every NIC has an address.
// Only addresses are written: state comes from lifecycle events, never from this late look.
import type { Connection, DomainRef } from "@/lib/libvirt";
import { mapLimit } from "@/lib/util/map-limit";
import { readAddresses } from "./observe-domain";
import { saveAddresses } from "./vm-store";

const DELAYS_MS = [1_000, 2_000, 3_000, 5_000, 8_000, 13_000, 21_000, 34_000];

export function watchAddresses(hostId: string, conn: Connection, dom: DomainRef): void {
  let step = 0;
  const look = async () => {
    if (conn.closed) return;
    const ipsByMac = await readAddresses(conn, dom);
    // The host (or the VM) may have been removed meanwhile: then there is nothing to update.
    const saved = await saveAddresses(hostId, dom.uuid, ipsByMac).then(
      () => true,
      () => false,
    );
    if (!saved) return;
    const addresses = [...ipsByMac.values()];
    const everyNicHasAddress = addresses.length > 0 && addresses.every((ips) => ips.length > 0);
    if (!everyNicHasAddress && step < DELAYS_MS.length)
      setTimeout(() => void look(), DELAYS_MS[step++]).unref();
  };
  setTimeout(() => void look(), DELAYS_MS[step++]).unref();
}

/** A running guest a full sync found with a NIC (by MAC) that has no address yet. */
export interface AwaitingAddress {
  dom: DomainRef;
  macs: string[];
}

const AFTER_SYNC_MS = [5_000, 15_000, 40_000];
const IN_FLIGHT = 4;

/**
 * After a full sync, the guests still taking their leases (started just before the server, or
 * before the host was added) are looked at again: all of them in one pass, a few calls in
 * flight, three passes in all, so a large host costs a bounded number of passes rather than a
 * timer per VM. A VM leaves the passes once each of its NICs has an address.
 */
export function watchAddressesAfterSync(
  hostId: string,
  conn: Connection,
  awaiting: AwaitingAddress[],
): void {
  let waiting = awaiting;
  let step = 0;
  const pass = async () => {
    if (conn.closed) return;
    const still: AwaitingAddress[] = [];
    await mapLimit(waiting, IN_FLIGHT, async (vm) => {
      const ipsByMac = await readAddresses(conn, vm.dom);
      await saveAddresses(hostId, vm.dom.uuid, ipsByMac).catch(() => undefined);
      if (vm.macs.some((mac) => !ipsByMac.has(mac))) still.push(vm);
    });
    waiting = still;
    if (waiting.length > 0 && step < AFTER_SYNC_MS.length)
      setTimeout(() => void pass(), AFTER_SYNC_MS[step++]).unref();
  };
  if (waiting.length > 0) setTimeout(() => void pass(), AFTER_SYNC_MS[step++]).unref();
}
