// The Prisma client over better-sqlite3. One instance per process: Next's bundle and the custom
// server's module graph both load this file, so the instance is kept on globalThis.
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { env } from "@/lib/env";
import { PrismaClient } from "@/lib/generated/prisma/client";

const globalForDb = globalThis as unknown as { virtdeckDb?: PrismaClient };

function createClient(): PrismaClient {
  const adapter = new PrismaBetterSQLite3({ url: env.DATABASE_URL });
  return new PrismaClient({ adapter });
}

export const db: PrismaClient = globalForDb.virtdeckDb ?? createClient();
globalForDb.virtdeckDb = db;

export async function closeDb(): Promise<void> {
  await db.$disconnect();
}
