// What the Permissions page offers to pick from: the objects the caller sees (by path), who can
// be granted to, and the roles.
import { listApiTokens } from "@/lib/auth/api-tokens";
import { db } from "@/lib/db/client";
import { parseHostFacts } from "@/lib/hosts/host-status";
import type { Access } from "./access";
import { listRoles } from "./roles";

export interface GrantChoices {
  hosts: { id: string; name: string; pools: string[]; networks: string[] }[];
  vms: { id: string; uuid: string; name: string; hostId: string; hostName: string }[];
  vmGroups: string[];
  users: { id: string; name: string }[];
  groups: { id: string; name: string }[];
  tokens: { id: string; name: string; privsep: boolean }[];
  roles: string[];
}

export async function grantChoices(access: Access, withSubjects: boolean): Promise<GrantChoices> {
  const [hosts, vms, vmGroups, users, groups, tokens, roles] = await Promise.all([
    db.host.findMany({ orderBy: { name: "asc" } }),
    db.vm.findMany({
      where: { goneAt: null },
      orderBy: { name: "asc" },
      select: { id: true, uuid: true, name: true, hostId: true, host: { select: { name: true } } },
    }),
    db.vmGroup.findMany({ orderBy: { name: "asc" }, select: { name: true } }),
    withSubjects ? db.user.findMany({ orderBy: { username: "asc" } }) : [],
    withSubjects ? db.group.findMany({ orderBy: { name: "asc" } }) : [],
    withSubjects ? listApiTokens(null) : [],
    listRoles(),
  ]);
  return {
    hosts: hosts
      .filter((h) => access.seesHost(h.id))
      .map((h) => {
        const facts = parseHostFacts(h.facts);
        return {
          id: h.id,
          name: h.name,
          pools: facts?.pools.map((p) => p.name) ?? [],
          networks: facts?.networks.map((n) => n.name) ?? [],
        };
      }),
    vms: vms
      .filter((v) => access.seesVm(v))
      .map((v) => ({
        id: v.id,
        uuid: v.uuid,
        name: v.name,
        hostId: v.hostId,
        hostName: v.host.name,
      })),
    vmGroups: vmGroups.map((g) => g.name),
    users: users.map((u) => ({ id: u.id, name: u.username })),
    groups: groups.map((g) => ({ id: g.id, name: g.name })),
    tokens: tokens.map((t) => ({ id: t.id, name: `${t.username}!${t.name}`, privsep: t.privsep })),
    roles: roles.map((r) => r.name),
  };
}
