// VM groups (Proxmox's resource pools): grants on /groups/{name} reach the group's VMs. A VM is
// in at most one group, known by UUID so that renames and migrations keep it there.
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { changeAccess } from "./acl-snapshot";
import { ownPath } from "./paths";

export interface VmGroupRow {
  id: string;
  name: string;
  description: string;
  members: {
    uuid: string;
    vm: { id: string; name: string; hostId: string; hostName: string } | null;
  }[];
}

export async function listVmGroups(): Promise<VmGroupRow[]> {
  const groups = await db.vmGroup.findMany({
    orderBy: { name: "asc" },
    include: { members: true },
  });
  const uuids = groups.flatMap((g) => g.members.map((m) => m.vmUuid));
  const vms = await db.vm.findMany({
    where: { uuid: { in: uuids } },
    select: { id: true, uuid: true, name: true, hostId: true, goneAt: true, host: true },
    orderBy: { goneAt: { sort: "asc", nulls: "first" } },
  });
  const byUuid = new Map<string, NonNullable<VmGroupRow["members"][number]["vm"]>>();
  for (const v of vms)
    if (!byUuid.has(v.uuid))
      byUuid.set(v.uuid, { id: v.id, name: v.name, hostId: v.hostId, hostName: v.host.name });
  return groups.map((g) => ({
    id: g.id,
    name: g.name,
    description: g.description,
    members: g.members.map((m) => ({ uuid: m.vmUuid, vm: byUuid.get(m.vmUuid) ?? null })),
  }));
}

async function groupNamed(name: string) {
  const group = await db.vmGroup.findUnique({ where: { name } });
  if (!group) throw new AppError("not_found", "No such VM group");
  return group;
}

export async function createVmGroup(input: { name: string; description: string }): Promise<void> {
  if (await db.vmGroup.findUnique({ where: { name: input.name } }))
    throw new AppError("conflict", `A VM group named ${input.name} already exists`);
  await changeAccess((tx) => tx.vmGroup.create({ data: input }));
}

/** Deletes the group and the grants on it; its VMs stay as they are, in no group. */
export async function deleteVmGroup(name: string): Promise<void> {
  const group = await groupNamed(name);
  await changeAccess(async (tx) => {
    await tx.aclEntry.deleteMany({ where: { path: ownPath({ kind: "group", group: name }) } });
    await tx.vmGroup.delete({ where: { id: group.id } });
  });
}

/** Puts the VM in the group (out of any other: a VM is in one group at most). */
export async function addVmToGroup(name: string, uuid: string): Promise<void> {
  const group = await groupNamed(name);
  await changeAccess((tx) =>
    tx.vmGroupMember.upsert({
      where: { vmUuid: uuid.toLowerCase() },
      create: { vmUuid: uuid.toLowerCase(), groupId: group.id },
      update: { groupId: group.id },
    }),
  );
}

export async function removeVmFromGroup(name: string, uuid: string): Promise<void> {
  const group = await groupNamed(name);
  await changeAccess(async (tx) => {
    const { count } = await tx.vmGroupMember.deleteMany({
      where: { vmUuid: uuid.toLowerCase(), groupId: group.id },
    });
    if (count === 0) throw new AppError("not_found", `The VM is not in ${name}`);
  });
}

/** The group a VM is in, if any. */
export async function groupOfVm(uuid: string): Promise<string | null> {
  const m = await db.vmGroupMember.findUnique({
    where: { vmUuid: uuid.toLowerCase() },
    include: { group: { select: { name: true } } },
  });
  return m?.group.name ?? null;
}
