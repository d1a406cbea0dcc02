// The shape of every change to storage: find the host's live connection, change it, and audit
// the outcome (libvirt's words included) whether it worked or not.
import { recordAudit, recordFailure } from "@/lib/audit/record";
import type { SessionUser } from "@/lib/auth/session-store";
import { hostConnection } from "@/lib/hosts/live-read";
import type { Connection } from "@/lib/libvirt";

export interface StorageContext {
  conn: Connection;
  host: { id: string; name: string };
}

/** `target` names the object for the audit trail: "pool" or "pool/volume". */
export async function changeStorage<T>(
  user: SessionUser,
  action: string,
  ref: { hostId: string; target: string },
  change: (ctx: StorageContext) => Promise<T>,
): Promise<T> {
  let target = `${ref.target} on ${ref.hostId}`;
  try {
    const { host, conn } = await hostConnection(ref.hostId);
    target = `${ref.target} on ${host.name}`;
    const result = await change({ conn, host });
    await recordAudit({ user, action, target, outcome: "ok" });
    return result;
  } catch (error) {
    await recordFailure(user, action, target, error);
    throw error;
  }
}
