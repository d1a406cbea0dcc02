// What an operation names as its object (a VM by its inventory id, a pool by host and name…),
// and its resolution into the permission tree's object with a label for the audit trail.
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { type AccessObject, displayPath, type ParsedPath } from "./paths";

export type Target =
  | { kind: "root" }
  | { kind: "host"; hostId: string }
  | { kind: "vm"; vmId: string }
  /** A VM named by its UUID (a permission path), wherever the inventory has it now. */
  | { kind: "vmUuid"; uuid: string }
  | { kind: "pool"; hostId: string; pool: string }
  | { kind: "network"; hostId: string; network: string }
  | { kind: "group"; group: string };

export const root: Target = { kind: "root" };
export const host = (hostId: string): Target => ({ kind: "host", hostId });
export const vm = (vmId: string): Target => ({ kind: "vm", vmId });
export const pool = (hostId: string, name: string): Target => ({
  kind: "pool",
  hostId,
  pool: name,
});
export const network = (hostId: string, name: string): Target => ({
  kind: "network",
  hostId,
  network: name,
});
export const vmGroup = (group: string): Target => ({ kind: "group", group });

/** The object a permission path names (a VM's by its UUID). */
export function targetOfPath(p: ParsedPath): Target {
  return p.kind === "vm" ? { kind: "vmUuid", uuid: p.uuid } : p;
}

export interface ResolvedTarget {
  object: AccessObject;
  /** How the audit trail names it: "web1 on kvm1", "default on kvm1", "kvm1". */
  label: string;
  /** The permission path as operators read it. */
  path: string;
  /** For a VM: its inventory row's facts. */
  vm?: { id: string; name: string; hostName: string; gone: boolean };
  hostName?: string;
}

async function hostName(hostId: string): Promise<string> {
  const h = await db.host.findUnique({ where: { id: hostId }, select: { name: true } });
  if (!h) throw new AppError("not_found", "No such host");
  return h.name;
}

function resolved(
  object: AccessObject,
  label: string,
  extra: Partial<ResolvedTarget> = {},
): ResolvedTarget {
  return { object, label, path: displayPath(object), ...extra };
}

/** Throws not_found when the VM or host does not exist (pools and networks live on the host). */
export async function resolveTarget(t: Target): Promise<ResolvedTarget> {
  switch (t.kind) {
    case "root":
      return resolved(t, "everything (/)");
    case "group":
      return resolved(t, `group ${t.group}`);
    case "host": {
      const name = await hostName(t.hostId);
      return resolved(t, name, { hostName: name });
    }
    case "pool": {
      const name = await hostName(t.hostId);
      return resolved(t, `${t.pool} on ${name}`, { hostName: name });
    }
    case "network": {
      const name = await hostName(t.hostId);
      return resolved(t, `${t.network} on ${name}`, { hostName: name });
    }
    case "vm":
    case "vmUuid": {
      const select = { id: true, hostId: true, uuid: true, name: true, goneAt: true, host: true };
      const row =
        t.kind === "vm"
          ? await db.vm.findUnique({ where: { id: t.vmId }, select })
          : // The VM where it is now: a row left "gone" by a migration comes last.
            await db.vm.findFirst({
              where: { uuid: t.uuid.toLowerCase() },
              orderBy: { goneAt: { sort: "asc", nulls: "first" } },
              select,
            });
      if (!row) throw new AppError("not_found", "No such VM");
      const object: AccessObject = { kind: "vm", hostId: row.hostId, uuid: row.uuid };
      return resolved(object, `${row.name} on ${row.host.name}`, {
        vm: { id: row.id, name: row.name, hostName: row.host.name, gone: row.goneAt !== null },
        hostName: row.host.name,
      });
    }
  }
}
