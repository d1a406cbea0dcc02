// The shape of every change to a network: find its host's live connection, change it, and tell
// browsers at once (libvirt's event follows). Permission and audit are the operation wrapper's.
import { hostConnection } from "@/lib/hosts/live-read";
import type { Connection } from "@/lib/libvirt";
import { announceNetwork } from "./network-events";

export interface NetworkContext {
  conn: Connection;
  host: { id: string; name: string };
}

export async function changeNetwork<T>(
  ref: { hostId: string; name: string },
  event: string,
  change: (ctx: NetworkContext) => Promise<T>,
): Promise<T> {
  const { host, conn } = await hostConnection(ref.hostId);
  const result = await change({ conn, host });
  announceNetwork(host.id, ref.name, event);
  return result;
}
