// What a load balancer or a service manager asks: is the process up (liveness), and can it serve
// (readiness: its database answers and holds every migration this code ships). The answers hold
// nothing else but how many hosts are online: no versions, names or errors.
import path from "node:path";
import { db } from "@/lib/db/client";
import { listMigrations } from "@/lib/db/migrate";
import { describeForLog } from "@/lib/errors";
import type { PrismaClient } from "@/lib/generated/prisma/client";

export interface Readiness {
  ready: boolean;
  database: "reachable" | "unreachable";
  /** "applied", or how many of this code's migrations the database lacks. */
  migrations: "applied" | `${number} not applied` | "unknown";
  hosts?: { online: number; total: number };
}

/** The migrations this code ships: read from disk once, not on every probe. */
let shipped: string[] | undefined;
function shippedMigrations(): string[] {
  shipped ??= listMigrations(path.join(process.cwd(), "prisma/migrations")).map((m) => m.name);
  return shipped;
}

/** Two reads of the database; `store` is the process's client unless a test says. */
export async function readiness(store: PrismaClient = db): Promise<Readiness> {
  let applied: Set<string>;
  try {
    const rows = await store.$queryRaw<{ migration_name: string }[]>`
      SELECT migration_name FROM "_prisma_migrations"
      WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
    applied = new Set(rows.map((r) => r.migration_name));
  } catch (error) {
    // The reason stays out of an unauthenticated answer; the server's log gets the store's own.
    console.error(`[virtdeck] readiness: the database cannot be read: ${describeForLog(error)}`);
    return { ready: false, database: "unreachable", migrations: "unknown" };
  }
  const missing = shippedMigrations().filter((name) => !applied.has(name)).length;
  const byStatus = await store.host.groupBy({ by: ["status"], _count: { _all: true } });
  const count = (status?: string) =>
    byStatus
      .filter((g) => status === undefined || g.status === status)
      .reduce((sum, g) => sum + g._count._all, 0);
  return {
    ready: missing === 0,
    database: "reachable",
    migrations: missing === 0 ? "applied" : `${missing} not applied`,
    hosts: { online: count("online"), total: count() },
  };
}
