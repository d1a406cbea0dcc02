// API tokens for automation: `Authorization: Bearer vdk_…`. Shown once at creation; only the
// SHA-256 is stored, like session tokens.
import { createHash, randomBytes } from "node:crypto";
import { changeAccess } from "@/lib/access/acl-snapshot";
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
  userId: string;
  username: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  /** Privilege-separated: only its own grants count, within its user's. */
  privsep: boolean;
}

type TokenRow = {
  id: string;
  name: string;
  prefix: string;
  userId: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  privsep: boolean;
  user: { username: string };
};

function toSummary(t: TokenRow): ApiTokenSummary {
  return {
    id: t.id,
    name: t.name,
    prefix: t.prefix,
    userId: t.userId,
    username: t.user.username,
    createdAt: t.createdAt.toISOString(),
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    expiresAt: t.expiresAt?.toISOString() ?? null,
    privsep: t.privsep,
  };
}

export async function createApiToken(
  userId: string,
  options: { name: string; expiresAt: Date | null; privsep: boolean },
): Promise<{ token: string; summary: ApiTokenSummary }> {
  if (await db.apiToken.findFirst({ where: { userId, name: options.name } }))
    throw new AppError("conflict", `You already have a token named ${options.name}`);
  const token = `${PREFIX}${randomBytes(32).toString("base64url")}`;
  // Tokens are part of the permission snapshot (a privilege-separated one narrows its user).
  const row = await changeAccess((tx) =>
    tx.apiToken.create({
      data: {
        name: options.name,
        userId,
        tokenHash: hashToken(token),
        prefix: token.slice(0, PREFIX.length + 6),
        expiresAt: options.expiresAt,
        privsep: options.privsep,
      },
      include: { user: { select: { username: true } } },
    }),
  );
  return { token, summary: toSummary(row) };
}

/** The tokens of one user, or of everyone (null: for administrators). */
export async function listApiTokens(userId: string | null): Promise<ApiTokenSummary[]> {
  const rows = await db.apiToken.findMany({
    where: userId ? { userId } : {},
    orderBy: { createdAt: "desc" },
    include: { user: { select: { username: true } } },
  });
  return rows.map(toSummary);
}

export async function getApiToken(id: string): Promise<ApiTokenSummary> {
  const row = await db.apiToken.findUnique({ where: { id }, include: { user: true } });
  if (!row) throw new AppError("not_found", "That token does not exist (or was already revoked)");
  return toSummary(row);
}

/** Revokes a token (and its own grants); `ownerId` limits it to that user's tokens. */
export async function revokeApiToken(id: string, ownerId: string | null): Promise<ApiTokenSummary> {
  const row = await getApiToken(id);
  if (ownerId && row.userId !== ownerId)
    throw new AppError("not_found", "That token does not exist (or was already revoked)");
  await changeAccess(async (tx) => {
    await tx.aclEntry.deleteMany({ where: { subjectType: "token", subjectId: id } });
    await tx.apiToken.delete({ where: { id } });
  });
  return row;
}

/** Revokes every token of the user (a password change may ask for it); returns how many. */
export async function revokeUserTokens(userId: string): Promise<number> {
  return changeAccess(async (tx) => {
    const tokens = await tx.apiToken.findMany({ where: { userId }, select: { id: true } });
    await tx.aclEntry.deleteMany({
      where: { subjectType: "token", subjectId: { in: tokens.map((t) => t.id) } },
    });
    const { count } = await tx.apiToken.deleteMany({ where: { userId } });
    return count;
  });
}

/** Resolves a bearer token to the user it acts for, or null. */
export async function resolveApiToken(token: string): Promise<SessionUser | null> {
  if (!token.startsWith(PREFIX) || token.length > 100) return null;
  const row = await db.apiToken.findUnique({
    where: { tokenHash: hashToken(token) },
    include: { user: true },
  });
  if (!row || row.user.disabled) return null;
  if (row.expiresAt && row.expiresAt.getTime() <= Date.now()) return null;
  // Recording use at most once a minute keeps API calls free of writes.
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    await db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
  }
  return {
    sessionId: `token:${row.id}`,
    tokenId: row.id,
    userId: row.userId,
    username: row.user.username,
    mustChangePassword: row.user.mustChangePassword,
    mustEnrolSecondFactor: false,
    expiresAt: row.expiresAt ?? new Date(8.64e15),
  };
}
