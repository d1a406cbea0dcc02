// Permissions (ACL entries): who holds which role on which path, and whether it propagates.
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { aclSnapshot, changeAccess, subjectNameIn } from "./acl-snapshot";
import type { SubjectType } from "./evaluate";
import { type AccessObject, displayPath, type ParsedPath, parsePath, storedKey } from "./paths";
import { roleExists } from "./roles";

export interface AclRow {
  id: string;
  /** The path as operators read it (a VM's under its current host). */
  path: string;
  /** What the path names, in words ("web1 on kvm1"), and where its page is. */
  label: string;
  link: string | null;
  /** The object, for permission checks; null when it no longer exists (a VM gone for good). */
  object: AccessObject | null;
  subjectType: SubjectType;
  subjectId: string;
  subjectName: string;
  role: string;
  propagate: boolean;
  createdAt: string;
}

/** Reads a path as operators write it; refuses one that is not of the tree's shapes. */
export function readPath(path: string): ParsedPath {
  const parsed = parsePath(path);
  if (!parsed)
    throw new AppError(
      "invalid",
      `path: ${path} is not a permission path (/, /hosts/{id}, /hosts/{id}/vms/{uuid}, /hosts/{id}/pools/{name}, /hosts/{id}/networks/{name}, /groups/{name})`,
    );
  return parsed;
}

interface Described {
  label: string;
  link: string | null;
  object: AccessObject | null;
  path: string;
}

/** Names every path of the rows at once (hosts and VMs read in two queries). */
async function describePaths(paths: string[]): Promise<Map<string, Described>> {
  const parsed = new Map(paths.map((p) => [p, parsePath(p)]));
  const hostIds = new Set<string>();
  const uuids = new Set<string>();
  for (const p of parsed.values()) {
    if (p && "hostId" in p && p.hostId) hostIds.add(p.hostId);
    if (p?.kind === "vm") uuids.add(p.uuid);
  }
  const [hosts, vms] = await Promise.all([
    db.host.findMany({ where: { id: { in: [...hostIds] } }, select: { id: true, name: true } }),
    db.vm.findMany({
      where: { uuid: { in: [...uuids] } },
      select: { id: true, uuid: true, name: true, hostId: true, goneAt: true, host: true },
      orderBy: { goneAt: { sort: "asc", nulls: "first" } },
    }),
  ]);
  const hostName = new Map(hosts.map((h) => [h.id, h.name]));
  const vmOf = new Map<string, (typeof vms)[number]>();
  for (const v of vms) if (!vmOf.has(v.uuid)) vmOf.set(v.uuid, v);
  const out = new Map<string, Described>();
  for (const [path, p] of parsed) {
    out.set(path, describePath(path, p, hostName, vmOf));
  }
  return out;
}

function describePath(
  path: string,
  p: ParsedPath | null,
  hostName: Map<string, string>,
  vmOf: Map<string, { id: string; name: string; hostId: string; host: { name: string } }>,
): Described {
  if (!p) return { label: path, link: null, object: null, path };
  const on = (hostId: string) => hostName.get(hostId) ?? `a removed host (${hostId})`;
  switch (p.kind) {
    case "root":
      return { label: "everything", link: null, object: p, path };
    case "group":
      return { label: `VM group ${p.group}`, link: "/settings/vm-groups", object: p, path };
    case "host":
      return { label: `host ${on(p.hostId)}`, link: `/hosts/${p.hostId}`, object: p, path };
    case "pool":
      return {
        label: `pool ${p.pool} on ${on(p.hostId)}`,
        link: `/storage/${p.hostId}/${encodeURIComponent(p.pool)}`,
        object: p,
        path,
      };
    case "network":
      return {
        label: `network ${p.network} on ${on(p.hostId)}`,
        link: `/networks/${p.hostId}/${encodeURIComponent(p.network)}`,
        object: p,
        path,
      };
    case "vm": {
      const vm = vmOf.get(p.uuid);
      if (!vm)
        return { label: `VM ${p.uuid} (not in the inventory)`, link: null, object: null, path };
      const object: AccessObject = { kind: "vm", hostId: vm.hostId, uuid: p.uuid };
      return {
        label: `VM ${vm.name} on ${vm.host.name}`,
        link: `/vms/${vm.id}`,
        object,
        path: displayPath(object),
      };
    }
  }
}

/** The display form of stored paths (and their labels), for other lists (the audit log). */
export async function describeAclPaths(paths: string[]) {
  return describePaths(paths);
}

export async function listAcl(): Promise<AclRow[]> {
  const [entries, snapshot] = await Promise.all([
    db.aclEntry.findMany({ orderBy: [{ path: "asc" }, { createdAt: "asc" }] }),
    aclSnapshot(),
  ]);
  const described = await describePaths([...new Set(entries.map((e) => e.path))]);
  return entries.map((e) => {
    const d = described.get(e.path)!;
    const subjectType = e.subjectType as SubjectType;
    return {
      id: e.id,
      path: d.path,
      label: d.label,
      link: d.link,
      object: d.object,
      subjectType,
      subjectId: e.subjectId,
      subjectName: subjectNameIn(snapshot, subjectType, e.subjectId) ?? e.subjectId,
      role: e.role,
      propagate: e.propagate,
      createdAt: e.createdAt.toISOString(),
    };
  });
}

async function subjectName(type: SubjectType, id: string): Promise<string> {
  const name = subjectNameIn(await aclSnapshot(), type, id);
  if (name === undefined) throw new AppError("invalid", `subjectId: no such ${type}`);
  return name;
}

export interface GrantInput {
  path: string;
  subjectType: SubjectType;
  subjectId: string;
  role: string;
  propagate: boolean;
}

/** Adds a grant; returns the names the audit trail records. */
export async function grant(input: GrantInput): Promise<{ id: string; subject: string }> {
  const key = storedKey(readPath(input.path));
  if (!(await roleExists(input.role))) throw new AppError("invalid", `role: no role ${input.role}`);
  const subject = await subjectName(input.subjectType, input.subjectId);
  const exists = await db.aclEntry.findUnique({
    where: {
      path_subjectType_subjectId_role: {
        path: key,
        subjectType: input.subjectType,
        subjectId: input.subjectId,
        role: input.role,
      },
    },
  });
  if (exists) {
    if (exists.propagate === input.propagate)
      throw new AppError("conflict", `${subject} already holds ${input.role} on ${input.path}`);
    await changeAccess((tx) =>
      tx.aclEntry.update({ where: { id: exists.id }, data: { propagate: input.propagate } }),
    );
    return { id: exists.id, subject };
  }
  const row = await changeAccess((tx) =>
    tx.aclEntry.create({
      data: {
        path: key,
        subjectType: input.subjectType,
        subjectId: input.subjectId,
        role: input.role,
        propagate: input.propagate,
      },
    }),
  );
  return { id: row.id, subject };
}

export async function getAclEntry(id: string) {
  const entry = await db.aclEntry.findUnique({ where: { id } });
  if (!entry) throw new AppError("not_found", "No such permission");
  return entry;
}

/** Removes a grant; returns it in words for the audit trail ("Auditor of user ann on /"). */
export async function revoke(id: string): Promise<string> {
  const entry = await getAclEntry(id);
  const [snapshot, described] = await Promise.all([aclSnapshot(), describePaths([entry.path])]);
  const name = subjectNameIn(snapshot, entry.subjectType as SubjectType, entry.subjectId);
  await changeAccess((tx) => tx.aclEntry.delete({ where: { id } }));
  return `${entry.role} of ${entry.subjectType} ${name ?? entry.subjectId} on ${described.get(entry.path)!.path}`;
}
