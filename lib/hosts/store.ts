// Hosts as stored in the database, and removing one. Adding and editing: save-host.ts.
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Host } from "@/lib/generated/prisma/client";
import { toHostSummary } from "@/lib/inventory/summaries";
import { publish } from "@/lib/live/bus";
import { connectionManager } from "./connection-manager";

export type { Host };

export function listHosts(): Promise<Host[]> {
  return db.host.findMany({ orderBy: { name: "asc" } });
}

export async function getHost(id: string): Promise<Host> {
  const host = await db.host.findUnique({ where: { id } });
  if (!host) throw new AppError("not_found", "That host no longer exists");
  return host;
}

/** How other hosts reach this one for migrations (peer-to-peer URI, data address). */
export async function saveMigrationSettings(
  id: string,
  settings: { migrationUri?: string | undefined; migrationAddress?: string | undefined },
): Promise<Host> {
  await getHost(id);
  return db.host.update({
    where: { id },
    data: {
      migrationUri: settings.migrationUri ?? null,
      migrationAddress: settings.migrationAddress ?? null,
    },
  });
}

/** Puts the host in maintenance (no new VMs land there) or takes it out; browsers hear of it. */
export async function setMaintenance(id: string, maintenance: boolean): Promise<Host> {
  await getHost(id);
  const host = await db.host.update({ where: { id }, data: { maintenance } });
  publish({ type: "host", host: toHostSummary(host) });
  return host;
}

/**
 * Refuses, in words, to put a new VM on a host in maintenance (create, clone, migrate there).
 * `what` says what was asked: "create a VM", "clone a VM".
 */
export async function requireNotInMaintenance(id: string, what: string): Promise<void> {
  const host = await db.host.findUnique({
    where: { id },
    select: { name: true, maintenance: true },
  });
  if (host?.maintenance)
    throw new AppError(
      "conflict",
      `${host.name} is in maintenance: it takes no new VMs. Cannot ${what} there until it is taken out of maintenance`,
    );
}

/**
 * Removes the host from Virtdeck only: its connection is closed and its records and stored key
 * deleted; nothing on the host itself is touched (its VMs keep running).
 */
export async function deleteHost(id: string): Promise<Host> {
  const host = await getHost(id);
  await connectionManager().remove(id);
  await db.$transaction(async (tx) => {
    await tx.host.delete({ where: { id } });
    if (host.sshKeyRef) await tx.sshKey.deleteMany({ where: { id: host.sshKeyRef } });
  });
  return host;
}
