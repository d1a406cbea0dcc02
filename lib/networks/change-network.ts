// The shape of every change to a network: find its host's live connection, change it, tell
// browsers, and audit the outcome (libvirt's words included) whether it worked or not.
import { recordAudit, recordFailure } from "@/lib/audit/record";
import type { SessionUser } from "@/lib/auth/session-store";
import { hostConnection } from "@/lib/hosts/live-read";
import type { Connection } from "@/lib/libvirt";
import { announceNetwork } from "./network-events";

export interface NetworkContext {
  conn: Connection;
  host: { id: string; name: string };
}

export async function changeNetwork<T>(
  user: SessionUser,
  action: string,
  ref: { hostId: string; name: string },
  change: (ctx: NetworkContext) => Promise<T>,
): Promise<T> {
  let target = `${ref.name} on ${ref.hostId}`;
  try {
    const { host, conn } = await hostConnection(ref.hostId);
    target = `${ref.name} on ${host.name}`;
    const result = await change({ conn, host });
    await recordAudit({ user, action, target, outcome: "ok" });
    announceNetwork(host.id, ref.name, action);
    return result;
  } catch (error) {
    await recordFailure(user, action, target, error);
    throw error;
  }
}
