// Sign-in sessions as their owners (and administrators) see them, and revoking one.
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

export interface SessionRow {
  id: string;
  userId: string;
  username: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  userAgent: string | null;
}

/** Live sessions of one user, or of everyone (null: for administrators), newest use first. */
export async function listSessions(userId: string | null): Promise<SessionRow[]> {
  const rows = await db.session.findMany({
    where: { ...(userId ? { userId } : {}), expiresAt: { gt: new Date() } },
    orderBy: { lastSeenAt: "desc" },
    include: { user: { select: { username: true } } },
  });
  return rows.map((s) => ({
    id: s.id,
    userId: s.userId,
    username: s.user.username,
    createdAt: s.createdAt.toISOString(),
    lastSeenAt: s.lastSeenAt.toISOString(),
    expiresAt: s.expiresAt.toISOString(),
    userAgent: s.userAgent,
  }));
}

/** Ends a session; `ownerId` limits it to that user's own sessions. */
export async function endSession(id: string, ownerId: string | null): Promise<SessionRow> {
  const row = (await listSessions(ownerId)).find((s) => s.id === id);
  if (!row) throw new AppError("not_found", "That session does not exist (or has ended)");
  await db.session.delete({ where: { id } });
  return row;
}
