// Hosts as stored in the database, and removing one. Adding and editing: save-host.ts.
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Host } from "@/lib/generated/prisma/client";
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
