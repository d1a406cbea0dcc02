// Storage pool lifecycle events (defined, started, stopped, deleted, …) go to open browsers,
// which then read the host's pools again. Hooked into the inventory's per-connection subscriptions.
import type { Connection } from "@/lib/libvirt";
import { publish } from "@/lib/live/bus";

export async function subscribeStorageEvents(hostId: string, conn: Connection): Promise<void> {
  await conn.events.subscribe("storage-pool-lifecycle", (e) => {
    publish({ type: "storage", hostId, pool: e.pool.name, event: e.event });
  });
}
