// Network lifecycle events (defined, started, stopped, undefined) go to open browsers, which
// then read the host's networks again. Hooked into the inventory's per-connection subscriptions.
import type { Connection } from "@/lib/libvirt";
import { publish } from "@/lib/live/bus";

export async function subscribeNetworkEvents(hostId: string, conn: Connection): Promise<void> {
  await conn.events.subscribe("network-lifecycle", (e) => {
    publish({ type: "network", hostId, name: e.net.name, event: e.event });
  });
}

/** Tells browsers about a change made through Virtdeck at once (libvirt's event follows). */
export function announceNetwork(hostId: string, name: string, event: string): void {
  publish({ type: "network", hostId, name, event });
}
