// Starts a live connection to every stored host when the server starts.
import { db } from "@/lib/db/client";
import { describeForLog } from "@/lib/errors";
import type { Host } from "@/lib/generated/prisma/client";
import { fullSync, subscribeHostEvents } from "@/lib/inventory/sync-host";
import { connectOptionsFor } from "./connect-options";
import { ConnectionManager, installConnectionManager } from "./connection-manager";
import { readHostFacts } from "./host-facts";
import type { HostTarget } from "./host-link";
import { saveHostFacts, saveHostStatus } from "./host-status";

export function hostTarget(
  host: Pick<Host, "id" | "uri" | "sshUser" | "sshKeyRef" | "sshHostKey">,
): HostTarget {
  return { id: host.id, uri: host.uri, connectOptions: () => connectOptionsFor(host) };
}

export async function startHostConnections(): Promise<ConnectionManager> {
  const manager = new ConnectionManager({
    async onOnline(hostId, conn) {
      await saveHostFacts(hostId, await readHostFacts(conn));
      // Subscribed before the sync, so nothing that happens during it is missed.
      await subscribeHostEvents(hostId, conn);
      await fullSync(hostId, conn);
    },
    onStatus(hostId, status, error) {
      saveHostStatus(hostId, status, error).catch((e: unknown) =>
        console.error(`[virtdeck] saving host status: ${describeForLog(e)}`),
      );
    },
  });
  installConnectionManager(manager);
  for (const host of await db.host.findMany()) {
    try {
      manager.add(hostTarget(host));
    } catch (error) {
      // A stored URI this version cannot read must not keep the server (and other hosts) down.
      console.error(
        `[virtdeck] host ${host.name}: cannot connect to ${host.uri}: ${describeForLog(error)}`,
      );
    }
  }
  return manager;
}
