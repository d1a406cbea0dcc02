// Sessions live in the database. The cookie carries a random token; only its SHA-256 is stored,
// so reading the database does not hand out live sessions.
import { createHash, randomBytes } from "node:crypto";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";

import { SESSION_COOKIE } from "./cookie-name";

export { SESSION_COOKIE };

export interface SessionUser {
  /** The cookie session's id; for an API token, `token:{tokenId}`. */
  sessionId: string;
  /** Set when the caller is an API token (its grants may narrow the user's). */
  tokenId: string | null;
  userId: string;
  username: string;
  mustChangePassword: boolean;
  /** Signed in without the second factor the sign-in policy requires: only enrolling is open. */
  mustEnrolSecondFactor: boolean;
  expiresAt: Date;
}

/** Why a user with setup still to do is refused anything else. */
export function setupRefusal(user: SessionUser): string {
  return user.mustChangePassword
    ? "Change the one-time password first"
    : "Set up a second factor first: the sign-in policy requires one";
}

/** Where a user with setup still to do must go first, or null: password first, then a factor. */
export function setupPage(user: SessionUser): string | null {
  if (user.mustChangePassword) return "/account/password";
  if (user.mustEnrolSecondFactor) return "/account/security";
  return null;
}

function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

function sessionLifetimeMs(): number {
  return env.VIRTDECK_SESSION_HOURS * 3600_000;
}

/** Sliding expiry, never past the absolute lifetime counted from sign-in. */
function nextExpiry(signedInAt: Date, now: number): Date {
  const absolute = signedInAt.getTime() + env.VIRTDECK_SESSION_MAX_DAYS * 86_400_000;
  return new Date(Math.min(now + sessionLifetimeMs(), absolute));
}

export async function createSession(
  userId: string,
  userAgent?: string | null,
  /** A rotated session keeps its sign-in time (its absolute lifetime does not restart). */
  signedInAt = new Date(),
  mustEnrolSecondFactor = false,
): Promise<{ token: string; expiresAt: Date; sessionId: string }> {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = nextExpiry(signedInAt, Date.now());
  const row = await db.session.create({
    data: {
      tokenHash: hashToken(token),
      userId,
      expiresAt,
      signedInAt,
      userAgent: userAgent?.slice(0, 300),
      mustEnrolSecondFactor,
    },
  });
  return { token, expiresAt, sessionId: row.id };
}

/** A new token for a live session (at a password change): the old cookie stops working. */
export async function rotateSession(
  sessionId: string,
): Promise<{ token: string; expiresAt: Date } | null> {
  const old = await db.session.findUnique({ where: { id: sessionId } });
  if (!old) return null;
  const fresh = await createSession(
    old.userId,
    old.userAgent,
    old.signedInAt,
    old.mustEnrolSecondFactor,
  );
  await db.session.delete({ where: { id: old.id } });
  return fresh;
}

/** Resolves a cookie token to its user; expired sessions are deleted, live ones slide forward. */
export async function resolveSession(token: string | undefined): Promise<SessionUser | null> {
  if (!token || token.length > 100) return null;
  const session = await db.session.findUnique({
    where: { tokenHash: hashToken(token) },
    include: { user: true },
  });
  if (!session || session.user.disabled) return null;
  const now = Date.now();
  // The absolute lifetime is checked as such too: a lowered VIRTDECK_SESSION_MAX_DAYS counts at once.
  const absoluteEnd = session.signedInAt.getTime() + env.VIRTDECK_SESSION_MAX_DAYS * 86_400_000;
  if (session.expiresAt.getTime() <= now || absoluteEnd <= now) {
    await db.session.deleteMany({ where: { id: session.id } });
    return null;
  }
  let expiresAt = session.expiresAt;
  // Slide the expiry at most once a minute, to keep page loads free of writes.
  if (now - session.lastSeenAt.getTime() > 60_000) {
    expiresAt = nextExpiry(session.signedInAt, now);
    await db.session.update({
      where: { id: session.id },
      data: { lastSeenAt: new Date(now), expiresAt },
    });
  }
  return {
    sessionId: session.id,
    tokenId: null,
    userId: session.userId,
    username: session.user.username,
    mustChangePassword: session.user.mustChangePassword,
    mustEnrolSecondFactor: session.mustEnrolSecondFactor,
    expiresAt,
  };
}

/** A factor was enrolled: the user's sessions that had to enrol one may go everywhere now. */
export async function enrolmentDone(userId: string): Promise<void> {
  await db.session.updateMany({
    where: { userId, mustEnrolSecondFactor: true },
    data: { mustEnrolSecondFactor: false },
  });
}

export async function revokeSession(token: string | undefined): Promise<void> {
  if (!token) return;
  await db.session.deleteMany({ where: { tokenHash: hashToken(token) } });
}

export async function revokeUserSessions(
  userId: string,
  exceptSessionId?: string,
): Promise<number> {
  const { count } = await db.session.deleteMany({
    where: { userId, ...(exceptSessionId ? { id: { not: exceptSessionId } } : {}) },
  });
  return count;
}

/** Reads one cookie from a raw Cookie header (for the WebSocket upgrade, outside Next). */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name)
      return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}
