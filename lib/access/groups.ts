// Groups of users: a grant given to a group reaches every member.
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { changeAccess } from "./acl-snapshot";
import { planProviderGroups } from "./provider-groups";

export interface GroupRow {
  id: string;
  name: string;
  description: string;
  /** The identity-provider group whose members this group follows at single sign-on. */
  providerGroup: string | null;
  members: { id: string; username: string }[];
}

export async function listGroups(): Promise<GroupRow[]> {
  const groups = await db.group.findMany({
    orderBy: { name: "asc" },
    include: { members: { include: { user: { select: { id: true, username: true } } } } },
  });
  return groups.map((g) => ({
    id: g.id,
    name: g.name,
    description: g.description,
    providerGroup: g.providerGroup,
    members: g.members.map((m) => m.user).sort((a, b) => a.username.localeCompare(b.username)),
  }));
}

export async function getGroup(id: string) {
  const group = await db.group.findUnique({ where: { id } });
  if (!group) throw new AppError("not_found", "No such group");
  return group;
}

/** One group per identity-provider group: two would make membership depend on which is read. */
async function checkProviderGroupFree(providerGroup: string | null, groupId?: string) {
  if (providerGroup === null) return;
  const holder = await db.group.findUnique({ where: { providerGroup } });
  if (holder && holder.id !== groupId)
    throw new AppError(
      "conflict",
      `providerGroup: the group ${holder.name} already follows the identity-provider group ${providerGroup}`,
      { providerGroup: [`${holder.name} already follows it`] },
    );
}

export async function createGroup(input: {
  name: string;
  description: string;
  providerGroup: string | null;
}) {
  if (await db.group.findUnique({ where: { name: input.name } }))
    throw new AppError("conflict", `A group named ${input.name} already exists`);
  await checkProviderGroupFree(input.providerGroup);
  return changeAccess((tx) => tx.group.create({ data: input, select: { id: true, name: true } }));
}

export async function updateGroup(input: {
  id: string;
  description?: string | undefined;
  providerGroup?: string | null | undefined;
  members?: string[] | undefined;
}): Promise<void> {
  const group = await getGroup(input.id);
  if (input.providerGroup !== undefined)
    await checkProviderGroupFree(input.providerGroup, group.id);
  if (input.members) {
    const found = await db.user.count({ where: { id: { in: input.members } } });
    if (found !== new Set(input.members).size)
      throw new AppError("invalid", "members: one of them does not exist");
  }
  await changeAccess(async (tx) => {
    if (input.description !== undefined || input.providerGroup !== undefined)
      await tx.group.update({
        where: { id: group.id },
        data: { description: input.description, providerGroup: input.providerGroup },
      });
    if (input.members) {
      await tx.groupMember.deleteMany({ where: { groupId: group.id } });
      await tx.groupMember.createMany({
        data: [...new Set(input.members)].map((userId) => ({ userId, groupId: group.id })),
      });
    }
  });
}

/** Deletes the group and every grant given to it. */
export async function deleteGroup(id: string): Promise<{ name: string }> {
  const group = await getGroup(id);
  await changeAccess(async (tx) => {
    await tx.aclEntry.deleteMany({ where: { subjectType: "group", subjectId: group.id } });
    await tx.group.delete({ where: { id: group.id } });
  });
  return { name: group.name };
}

/**
 * At a single sign-on: the user's memberships of mapped groups follow the provider's list, in one
 * change of access (grants follow at once); unmapped groups are left alone. Returns the names.
 */
export async function followProviderGroups(
  userId: string,
  providerGroups: readonly string[],
): Promise<{ joined: string[]; left: string[] }> {
  const plan = await changeAccess(
    async (tx) => {
      const groups = await tx.group.findMany({
        where: { providerGroup: { not: null } },
        select: { id: true, name: true, providerGroup: true, members: { where: { userId } } },
      });
      const mapped = groups.map((g) => ({
        id: g.id,
        name: g.name,
        providerGroup: g.providerGroup ?? "",
        member: g.members.length > 0,
      }));
      const planned = planProviderGroups(mapped, providerGroups);
      if (planned.join.length > 0)
        await tx.groupMember.createMany({
          data: planned.join.map((g) => ({ groupId: g.id, userId })),
        });
      if (planned.leave.length > 0)
        await tx.groupMember.deleteMany({
          where: { userId, groupId: { in: planned.leave.map((g) => g.id) } },
        });
      return planned;
    },
    (planned) => planned.join.length + planned.leave.length > 0,
  );
  return { joined: plan.join.map((g) => g.name), left: plan.leave.map((g) => g.name) };
}
