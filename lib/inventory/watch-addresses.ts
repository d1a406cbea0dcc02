// A guest takes its DHCP lease seconds after it starts, and libvirt sends no event for it:
// after a start, look again a few times with growing pauses until every NIC has an address.
// Only addresses are written: state comes from lifecycle events, never from this late look.
import type { Connection, DomainRef } from "@/lib/libvirt";
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
