// Everything permissions are computed from (grants, custom roles, group and VM group membership,
// tokens), read from the database in one go and kept until the access version changes. Every
// change to those tables bumps the version in the same transaction, so every process (Next's
// bundle, server.ts, later replicas) sees a stale copy as stale at its next check.
// Kept on globalThis: both module copies of one process share one snapshot.
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { publish } from "@/lib/live/bus";
import type { AclEntry, SubjectGrants, SubjectType } from "./evaluate";
import { BUILTIN_ROLES, isPrivilege, type Privilege } from "./privileges";

export interface AclSnapshot {
  version: number;
  entries: AclEntry[];
  roles: Record<string, readonly Privilege[]>;
  /** userId → the ids of its groups */
  userGroups: Map<string, string[]>;
  /** VM UUID → VM group name */
  vmGroups: Map<string, string>;
  users: Map<string, { username: string; disabled: boolean }>;
  groups: Map<string, string>;
  tokens: Map<string, { name: string; userId: string; privsep: boolean }>;
}

const KEY = Symbol.for("virtdeck.acl-snapshot");
const store = globalThis as unknown as Record<symbol, AclSnapshot | undefined>;

async function currentVersion(): Promise<number> {
  const row = await db.accessVersion.findUnique({ where: { id: 1 } });
  return row?.version ?? 0;
}

async function load(version: number): Promise<AclSnapshot> {
  const [acl, roles, members, vmMembers, users, groups, tokens] = await Promise.all([
    db.aclEntry.findMany({ orderBy: { createdAt: "asc" } }),
    db.role.findMany(),
    db.groupMember.findMany(),
    db.vmGroupMember.findMany({ include: { group: { select: { name: true } } } }),
    db.user.findMany({ select: { id: true, username: true, disabled: true } }),
    db.group.findMany({ select: { id: true, name: true } }),
    db.apiToken.findMany({ select: { id: true, name: true, userId: true, privsep: true } }),
  ]);
  const userGroups = new Map<string, string[]>();
  for (const m of members)
    userGroups.set(m.userId, [...(userGroups.get(m.userId) ?? []), m.groupId]);
  const allRoles: Record<string, readonly Privilege[]> = Object.fromEntries(
    Object.entries(BUILTIN_ROLES).map(([name, r]) => [name, r.privileges]),
  );
  for (const r of roles) allRoles[r.name] = r.privileges.split(/\s+/).filter(isPrivilege);
  const snapshot: AclSnapshot = {
    version,
    entries: [],
    roles: allRoles,
    userGroups,
    vmGroups: new Map(vmMembers.map((m) => [m.vmUuid, m.group.name])),
    users: new Map(users.map((u) => [u.id, { username: u.username, disabled: u.disabled }])),
    groups: new Map(groups.map((g) => [g.id, g.name])),
    tokens: new Map(tokens.map((t) => [t.id, t])),
  };
  snapshot.entries = acl.map((e) => ({
    id: e.id,
    path: e.path,
    subjectType: e.subjectType as SubjectType,
    subjectId: e.subjectId,
    subjectName: subjectNameIn(snapshot, e.subjectType as SubjectType, e.subjectId) ?? e.subjectId,
    role: e.role,
    propagate: e.propagate,
  }));
  return snapshot;
}

/** A user's name, a group's, or a token's as "user!token"; undefined when there is no such one. */
export function subjectNameIn(s: AclSnapshot, type: SubjectType, id: string): string | undefined {
  if (type === "user") return s.users.get(id)?.username;
  if (type === "group") return s.groups.get(id);
  const token = s.tokens.get(id);
  const owner = token && s.users.get(token.userId);
  return owner && `${owner.username}!${token.name}`;
}

/** The current snapshot: one small query to check the version, a full read only when it moved. */
export async function aclSnapshot(): Promise<AclSnapshot> {
  const version = await currentVersion();
  const cached = store[KEY];
  if (cached && cached.version === version) return cached;
  const fresh = await load(version);
  store[KEY] = fresh;
  return fresh;
}

/** The last snapshot read, for the live socket's per-event checks (it must not query per event). */
export function cachedAclSnapshot(): AclSnapshot | undefined {
  return store[KEY];
}

export type Tx = Prisma.TransactionClient;

/**
 * Runs a change to the access tables and bumps the version in the same transaction; then tells
 * every open socket, whose pages read their permissions again. `changed` says from the change's
 * result whether it changed anything (a deleted VM that had no grants): if not, nothing moves.
 */
export async function changeAccess<T>(
  change: (tx: Tx) => Promise<T>,
  changed: (result: T) => boolean = () => true,
): Promise<T> {
  const { result, bumped } = await db.$transaction(async (tx) => {
    const out = await change(tx);
    if (!changed(out)) return { result: out, bumped: false };
    await tx.accessVersion.upsert({
      where: { id: 1 },
      create: { id: 1, version: 1 },
      update: { version: { increment: 1 } },
    });
    return { result: out, bumped: true };
  });
  if (!bumped) return result;
  await aclSnapshot();
  publish({ type: "access" });
  return result;
}

function entriesOf(s: AclSnapshot, type: SubjectType, ids: ReadonlySet<string>): AclEntry[] {
  return s.entries.filter((e) => e.subjectType === type && ids.has(e.subjectId));
}

/** VM group memberships that matter to these entries (groups they mention). */
function vmGroupsFor(s: AclSnapshot, entries: AclEntry[]): Record<string, string> {
  const named = new Set(
    entries
      .filter((e) => e.path.startsWith("/groups/"))
      .map((e) => decodeURIComponent(e.path.slice(8))),
  );
  const out: Record<string, string> = {};
  if (named.size === 0) return out;
  for (const [uuid, group] of s.vmGroups) if (named.has(group)) out[uuid] = group;
  return out;
}

/** A user's grants: its own and its groups'. */
export function userGrants(s: AclSnapshot, userId: string): SubjectGrants {
  const own = entriesOf(s, "user", new Set([userId]));
  const viaGroups = entriesOf(s, "group", new Set(s.userGroups.get(userId) ?? []));
  return { own, viaGroups, roles: s.roles, vmGroups: vmGroupsFor(s, [...own, ...viaGroups]) };
}

/** A privilege-separated token's own grants (tokens are in no group). */
export function tokenGrants(s: AclSnapshot, tokenId: string): SubjectGrants {
  const own = entriesOf(s, "token", new Set([tokenId]));
  return { own, viaGroups: [], roles: s.roles, vmGroups: vmGroupsFor(s, own) };
}
