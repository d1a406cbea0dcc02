// API tokens for automation: `Authorization: Bearer vdk_…`. Shown once at creation; only the
// SHA-256 is stored, like session tokens.
import { createHash, randomBytes } from "node:crypto";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { SessionUser } from "./session-store";

const PREFIX = "vdk_";

function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export interface ApiTokenSummary {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
}

export async function createApiToken(
  userId: string,
  name: string,
): Promise<{ token: string; summary: ApiTokenSummary }> {
  const token = `${PREFIX}${randomBytes(32).toString("base64url")}`;
  const row = await db.apiToken.create({
    data: { name, userId, tokenHash: hashToken(token), prefix: token.slice(0, PREFIX.length + 6) },
  });
  return { token, summary: row };
}

export function listApiTokens(userId: string): Promise<ApiTokenSummary[]> {
  return db.apiToken.findMany({
    where: { userId },
    orderBy: { createdAt: "desc" },
    select: { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true },
  });
}

export async function revokeApiToken(userId: string, id: string): Promise<ApiTokenSummary> {
  const row = await db.apiToken.findFirst({ where: { id, userId } });
  if (!row) throw new AppError("not_found", "That token does not exist (or was already revoked)");
  await db.apiToken.delete({ where: { id } });
  return row;
}

/** Resolves a bearer token to the user it acts for, or null. */
export async function resolveApiToken(token: string): Promise<SessionUser | null> {
  if (!token.startsWith(PREFIX) || token.length > 100) return null;
  const row = await db.apiToken.findUnique({
    where: { tokenHash: hashToken(token) },
    include: { user: true },
  });
  if (!row) return null;
  // Recording use at most once a minute keeps API calls free of writes.
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    await db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
  }
  return {
    sessionId: `token:${row.id}`,
    userId: row.userId,
    username: row.user.username,
    mustChangePassword: row.user.mustChangePassword,
    expiresAt: new Date(8.64e15),
  };
}
