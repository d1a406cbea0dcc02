// The audit trail: one row per change a caller asked for, whatever the outcome. Written by the
// operation wrapper (lib/access/invoke.ts) and by console sessions as they open and close.
import { db } from "@/lib/db/client";

export interface AuditEntry {
  user: { userId: string; username: string } | null;
  action: string;
  target: string;
  /** The object's permission path, when there is one. */
  objectPath?: string | null;
  outcome: "ok" | "error" | "refused";
  detail?: string;
  clientAddress?: string | null;
  userAgent?: string | null;
}

export async function recordAudit(entry: AuditEntry): Promise<void> {
  await db.auditEvent.create({
    data: {
      userId: entry.user?.userId ?? null,
      username: entry.user?.username ?? "(anonymous)",
      action: entry.action,
      target: entry.target.slice(0, 500),
      objectPath: entry.objectPath ?? null,
      outcome: entry.outcome,
      detail: entry.detail?.slice(0, 2000),
      clientAddress: entry.clientAddress?.slice(0, 64) ?? null,
      userAgent: entry.userAgent?.slice(0, 300) ?? null,
    },
  });
}
