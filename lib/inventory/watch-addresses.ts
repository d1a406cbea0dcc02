// A guest takes its DHCP lease seconds after it starts, and libvirt sends no event for it:
// after a start, look again a few times with growing pauses until every NIC has an address.
import type { Connection, DomainRef } from "@/lib/libvirt";
import { observeDomain } from "./observe-domain";
import { saveObservation } from "./vm-store";

const DELAYS_MS = [1_000, 2_000, 3_000, 5_000, 8_000, 13_000, 21_000, 34_000];

export function watchAddresses(hostId: string, conn: Connection, dom: DomainRef): void {
  let step = 0;
  const look = async () => {
    if (conn.closed) return;
    const obs = await observeDomain(conn, dom, false).catch(() => null);
    if (!obs?.active) return;
    await saveObservation(hostId, obs);
    const everyNicHasAddress =
      [...(obs.ipsByMac?.values() ?? [])].length > 0 &&
      [...(obs.ipsByMac?.values() ?? [])].every((ips) => ips.length > 0);
    if (!everyNicHasAddress && step < DELAYS_MS.length)
      setTimeout(() => void look(), DELAYS_MS[step++]).unref();
  };
  setTimeout(() => void look(), DELAYS_MS[step++]).unref();
}
