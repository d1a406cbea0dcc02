// The audit trail: one row per change an operator asked for, whatever the outcome.
import { db } from "@/lib/db/client";

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
