// Users as administrators manage them: create (with a password or a one-time one), disable
// (their sessions end and their tokens are revoked), group membership, password reset, delete.
// Virtdeck refuses to lock itself out: nobody disables or deletes themselves, and the last
// enabled user holding Permissions.Modify on / stays.
import { generatePassword, hashPassword, oneTimePasswordExpiry } from "@/lib/auth/password";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { aclSnapshot, changeAccess, userGrants } from "./acl-snapshot";
import { PermissionView } from "./evaluate";

export interface UserRow {
  id: string;
  username: string;
  disabled: boolean;
  mustChangePassword: boolean;
  createdAt: string;
  lastSeenAt: string | null;
  groups: { id: string; name: string }[];
  tokens: number;
  /** "TOTP", "2 passkeys", "TOTP, 1 passkey", or empty. */
  secondFactors: string;
}

function factorWords(totp: boolean, passkeys: number): string {
  return [totp ? "TOTP" : null, passkeys ? `${passkeys} passkey${passkeys > 1 ? "s" : ""}` : null]
    .filter(Boolean)
    .join(", ");
}

export async function listUsers(): Promise<UserRow[]> {
  const users = await db.user.findMany({
    orderBy: { username: "asc" },
    include: {
      groups: { include: { group: { select: { id: true, name: true } } } },
      sessions: { select: { lastSeenAt: true }, orderBy: { lastSeenAt: "desc" }, take: 1 },
      totp: { select: { confirmedAt: true } },
      _count: { select: { apiTokens: true, passkeys: true } },
    },
  });
  return users.map((u) => ({
    id: u.id,
    username: u.username,
    disabled: u.disabled,
    mustChangePassword: u.mustChangePassword,
    createdAt: u.createdAt.toISOString(),
    lastSeenAt: u.sessions[0]?.lastSeenAt.toISOString() ?? null,
    groups: u.groups.map((m) => m.group).sort((a, b) => a.name.localeCompare(b.name)),
    tokens: u._count.apiTokens,
    secondFactors: factorWords(Boolean(u.totp?.confirmedAt), u._count.passkeys),
  }));
}

async function checkGroups(ids: string[]): Promise<void> {
  const found = await db.group.count({ where: { id: { in: ids } } });
  if (found !== new Set(ids).size)
    throw new AppError("invalid", "groups: one of them does not exist");
}

export async function createUser(input: {
  username: string;
  password: string;
  mustChangePassword: boolean;
  groups: string[];
}): Promise<{ user: { id: string; username: string }; oneTimePassword: string | null }> {
  if (await db.user.findUnique({ where: { username: input.username } }))
    throw new AppError("conflict", `A user named ${input.username} already exists`);
  await checkGroups(input.groups);
  const oneTime = input.password ? null : generatePassword();
  const passwordHash = await hashPassword(input.password || oneTime!);
  const user = await changeAccess((tx) =>
    tx.user.create({
      data: {
        username: input.username,
        passwordHash,
        mustChangePassword: oneTime !== null || input.mustChangePassword,
        oneTimePasswordExpiresAt: oneTime !== null ? oneTimePasswordExpiry() : null,
        groups: { create: [...new Set(input.groups)].map((groupId) => ({ groupId })) },
      },
      select: { id: true, username: true },
    }),
  );
  return { user, oneTimePassword: oneTime };
}

/**
 * Refuses to take away the last enabled user who can change permissions on / (what recovering
 * from mistakes needs).
 */
async function keepOneAdministrator(userId: string, what: string): Promise<void> {
  const snapshot = await aclSnapshot();
  const holdsRoot = (id: string) =>
    new PermissionView(userGrants(snapshot, id))
      .privileges({ kind: "root" })
      .has("Permissions.Modify");
  if (!holdsRoot(userId)) return;
  for (const [id, other] of snapshot.users)
    if (id !== userId && !other.disabled && holdsRoot(id)) return;
  throw new AppError(
    "conflict",
    `${what} would leave nobody who can change permissions on /: grant Administrator on / to another user first`,
  );
}

export async function getUser(id: string) {
  const user = await db.user.findUnique({ where: { id } });
  if (!user) throw new AppError("not_found", "No such user");
  return user;
}

export async function updateUser(
  actorId: string,
  input: { id: string; disabled?: boolean | undefined; groups?: string[] | undefined },
): Promise<void> {
  const user = await getUser(input.id);
  if (input.disabled && !user.disabled) {
    if (user.id === actorId) throw new AppError("conflict", "You cannot disable yourself");
    await keepOneAdministrator(user.id, `Disabling ${user.username}`);
  }
  if (input.groups) await checkGroups(input.groups);
  await changeAccess(async (tx) => {
    if (input.disabled !== undefined)
      await tx.user.update({ where: { id: user.id }, data: { disabled: input.disabled } });
    if (input.disabled) {
      // Disabling ends what the user holds now: sessions and tokens do not come back.
      await tx.session.deleteMany({ where: { userId: user.id } });
      const tokens = await tx.apiToken.findMany({
        where: { userId: user.id },
        select: { id: true },
      });
      await tx.aclEntry.deleteMany({
        where: { subjectType: "token", subjectId: { in: tokens.map((t) => t.id) } },
      });
      await tx.apiToken.deleteMany({ where: { userId: user.id } });
    }
    if (input.groups) {
      await tx.groupMember.deleteMany({ where: { userId: user.id } });
      await tx.groupMember.createMany({
        data: [...new Set(input.groups)].map((groupId) => ({ groupId, userId: user.id })),
      });
    }
  });
}

/** A new one-time password: the user must change it at the next sign-in; sessions end. */
export async function resetPassword(id: string): Promise<{ oneTimePassword: string }> {
  const user = await getUser(id);
  // Its password would let it sign in past the identity provider (sign-in.ts refuses it anyway).
  if (await db.externalIdentity.count({ where: { userId: user.id } }))
    throw new AppError(
      "conflict",
      `${user.username} signs in with single sign-on and has no Virtdeck password`,
    );
  const oneTimePassword = generatePassword();
  const passwordHash = await hashPassword(oneTimePassword);
  await db.$transaction([
    db.user.update({
      where: { id: user.id },
      data: {
        passwordHash,
        mustChangePassword: true,
        oneTimePasswordExpiresAt: oneTimePasswordExpiry(),
      },
    }),
    db.session.deleteMany({ where: { userId: user.id } }),
  ]);
  return { oneTimePassword };
}

export async function deleteUser(actorId: string, id: string): Promise<{ username: string }> {
  const user = await getUser(id);
  if (user.id === actorId) throw new AppError("conflict", "You cannot delete yourself");
  await keepOneAdministrator(user.id, `Deleting ${user.username}`);
  await changeAccess(async (tx) => {
    const tokens = await tx.apiToken.findMany({ where: { userId: user.id }, select: { id: true } });
    await tx.aclEntry.deleteMany({
      where: {
        OR: [
          { subjectType: "user", subjectId: user.id },
          { subjectType: "token", subjectId: { in: tokens.map((t) => t.id) } },
        ],
      },
    });
    // Sessions, tokens and group memberships go with the user (cascade).
    await tx.user.delete({ where: { id: user.id } });
  });
  return { username: user.username };
}
