// The audit trail: one row per change an operator asked for, whatever the outcome.
import { db } from "@/lib/db/client";
import { isAppError, toActionError } from "@/lib/errors";

export interface AuditEntry {
  user: { userId: string; username: string } | null;
  action: string;
  target: string;
  outcome: "ok" | "error" | "refused";
  detail?: string;
}

export async function recordAudit(entry: AuditEntry): Promise<void> {
  await db.auditEvent.create({
    data: {
      userId: entry.user?.userId ?? null,
      username: entry.user?.username ?? "(anonymous)",
      action: entry.action,
      target: entry.target,
      outcome: entry.outcome,
      detail: entry.detail?.slice(0, 2000),
    },
  });
}

/**
 * Records a change that did not happen: a refusal by Virtdeck's own checks (invalid input, a
 * conflict with the object's state) is "refused"; anything from libvirt or the host is "error".
 */
export async function recordFailure(
  user: AuditEntry["user"],
  action: string,
  target: string,
  error: unknown,
): Promise<void> {
  const refused = isAppError(error) && (error.code === "invalid" || error.code === "conflict");
  const outcome = refused ? "refused" : "error";
  await recordAudit({ user, action, target, outcome, detail: toActionError(error) });
}
