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

const withUsername = { user: { select: { username: true } } } as const;

function toRow(s: {
  id: string;
  userId: string;
  user: { username: string };
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  userAgent: string | null;
}): SessionRow {
  return {
    id: s.id,
    userId: s.userId,
    username: s.user.username,
    createdAt: s.createdAt.toISOString(),
    lastSeenAt: s.lastSeenAt.toISOString(),
    expiresAt: s.expiresAt.toISOString(),
    userAgent: s.userAgent,
  };
}

/** Live sessions of one user, or of everyone (null: for administrators), newest use first. */
export async function listSessions(userId: string | null): Promise<SessionRow[]> {
  const rows = await db.session.findMany({
    where: { ...(userId ? { userId } : {}), expiresAt: { gt: new Date() } },
    orderBy: { lastSeenAt: "desc" },
    include: withUsername,
  });
  return rows.map(toRow);
}

/** Ends a session; `ownerId` limits it to that user's own sessions. */
export async function endSession(id: string, ownerId: string | null): Promise<SessionRow> {
  const row = await db.session.findFirst({
    where: { id, ...(ownerId ? { userId: ownerId } : {}), expiresAt: { gt: new Date() } },
    include: withUsername,
  });
  if (!row) throw new AppError("not_found", "That session does not exist (or has ended)");
  await db.session.delete({ where: { id } });
  return toRow(row);
}
