// Hosts as stored in the database. Connecting to them comes with lib/hosts' connection manager.
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Host } from "@/lib/generated/prisma/client";
import type { CreateHostInput } from "@/lib/schemas/host";

export type { Host };

export function listHosts(): Promise<Host[]> {
  return db.host.findMany({ orderBy: { name: "asc" } });
}

export async function createHost(input: CreateHostInput): Promise<Host> {
  const existing = await db.host.findUnique({ where: { name: input.name } });
  if (existing) throw new AppError("conflict", `A host named '${input.name}' already exists`);
  return db.host.create({ data: { name: input.name, uri: input.uri } });
}

/** Removes the host from Virtdeck only; nothing on the host itself is touched. */
export async function deleteHost(id: string): Promise<Host> {
  const host = await db.host.findUnique({ where: { id } });
  if (!host) throw new AppError("not_found", "That host no longer exists");
  await db.host.delete({ where: { id } });
  return host;
}
