// Shared by the tests of what needs Sys.Modify on /: a "deputy" who holds every VM and storage
// privilege on the lab host but not Sys.Modify, how a refusal reads, and the audit row it left.
// Imported after networks/support has pointed lib/env at the test's own database.
import type { SessionUser } from "@/lib/auth/session-store";
import { createActor } from "./actors";

const { createRole } = await import("@/lib/access/roles");
const { db } = await import("@/lib/db/client");
const { httpStatus, toAppError } = await import("@/lib/errors");

/** A user with the "Deputy" role on the host: everything on its VMs and pools, not Sys.Modify. */
export async function createDeputy(hostId: string, username: string): Promise<SessionUser> {
  await createRole({
    name: `Deputy-${username}`,
    description: "every VM and storage privilege, not Sys.Modify",
    privileges: [
      "Host.Audit",
      "VM.Audit",
      "VM.Config.XML",
      "VM.Config.CDROM",
      "VM.Config.Disk",
      "VM.Allocate",
      "Datastore.Audit",
      "Datastore.Allocate",
      "Datastore.AllocateSpace",
      "Network.Audit",
      "Network.Use",
    ],
  });
  return createActor(username, [{ path: `/hosts/${hostId}`, role: `Deputy-${username}` }]);
}

export interface Refusal {
  status: number;
  message: string;
  fields: Record<string, string[]> | undefined;
}

/** The refusal a call ended with (status 0 and "ok" when it did not fail). */
export function refusalOf(call: Promise<unknown>): Promise<Refusal> {
  return call.then(
    () => ({ status: 0, message: "ok", fields: undefined }),
    (error: unknown) => {
      const known = toAppError(error);
      return known
        ? { status: httpStatus(known), message: known.message, fields: known.fields }
        : { status: 500, message: String(error), fields: undefined };
    },
  );
}

/** The newest audit row of an action. */
export async function lastAudit(action: string) {
  return db.auditEvent.findFirstOrThrow({ where: { action }, orderBy: { at: "desc" } });
}

/** How many audit rows an action has with this outcome (a refusal must add exactly one). */
export function auditCount(action: string, outcome: "ok" | "refused" | "error"): Promise<number> {
  return db.auditEvent.count({ where: { action, outcome } });
}
