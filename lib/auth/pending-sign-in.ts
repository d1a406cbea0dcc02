// A sign-in waiting for its second factor: the password was right, the cookie carries a random
// token (only its SHA-256 is stored), and it lasts five minutes. The same table keeps a signed-in
// user's passkey registration challenge, keyed by their session.
import { createHash, randomBytes } from "node:crypto";
import { db } from "@/lib/db/client";

const PENDING_MS = 5 * 60_000;

function hashOf(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}

export async function startPendingSignIn(
  userId: string,
  userAgent: string | null,
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + PENDING_MS);
  // Old, unfinished sign-ins of anyone are dropped on the way.
  await db.pendingSignIn.deleteMany({ where: { expiresAt: { lte: new Date() } } });
  await db.pendingSignIn.create({
    data: {
      tokenHash: hashOf(token),
      purpose: "second-factor",
      userId,
      userAgent: userAgent?.slice(0, 300),
      expiresAt,
    },
  });
  return { token, expiresAt };
}

export interface PendingSignIn {
  id: string;
  userId: string;
  username: string;
  challenge: string | null;
  userAgent: string | null;
}

/** The sign-in this cookie token stands for, unless it expired or the user was disabled. */
export async function findPendingSignIn(token: string | undefined): Promise<PendingSignIn | null> {
  if (!token || token.length > 100) return null;
  const row = await db.pendingSignIn.findUnique({
    where: { tokenHash: hashOf(token) },
    include: { user: { select: { username: true, disabled: true } } },
  });
  if (row?.purpose !== "second-factor") return null;
  if (row.expiresAt <= new Date() || row.user.disabled) {
    await db.pendingSignIn.deleteMany({ where: { id: row.id } });
    return null;
  }
  return {
    id: row.id,
    userId: row.userId,
    username: row.user.username,
    challenge: row.challenge,
    userAgent: row.userAgent,
  };
}

export async function setPendingChallenge(id: string, challenge: string): Promise<void> {
  await db.pendingSignIn.update({ where: { id }, data: { challenge } });
}

/** Wrong codes a sign-in may take before the password is asked again (throttled there). */
export const PENDING_MAX_FAILURES = 5;

/** Counts a wrong code; true when that ended the sign-in. */
export async function countPendingFailure(id: string): Promise<boolean> {
  const row = await db.pendingSignIn.update({
    where: { id },
    data: { failures: { increment: 1 } },
  });
  if (row.failures < PENDING_MAX_FAILURES) return false;
  await endPendingSignIn(id);
  return true;
}

export async function endPendingSignIn(id: string): Promise<void> {
  await db.pendingSignIn.deleteMany({ where: { id } });
}

/** A passkey registration's challenge, one per session at a time. */
export async function saveEnrolmentChallenge(
  sessionId: string,
  userId: string,
  challenge: string,
  name: string,
): Promise<void> {
  const tokenHash = hashOf(`passkey-enrol:${sessionId}`);
  const expiresAt = new Date(Date.now() + PENDING_MS);
  const data = { purpose: "passkey-enrol", userId, challenge, passkeyName: name, expiresAt };
  await db.pendingSignIn.upsert({
    where: { tokenHash },
    create: { tokenHash, ...data },
    update: data,
  });
}

/** Takes (and forgets) the session's registration challenge and the passkey's name. */
export async function takeEnrolmentChallenge(
  sessionId: string,
): Promise<{ challenge: string; name: string } | null> {
  const tokenHash = hashOf(`passkey-enrol:${sessionId}`);
  const row = await db.pendingSignIn.findUnique({ where: { tokenHash } });
  if (!row) return null;
  await db.pendingSignIn.delete({ where: { id: row.id } });
  if (row.expiresAt <= new Date() || !row.challenge) return null;
  return { challenge: row.challenge, name: row.passkeyName ?? "passkey" };
}
