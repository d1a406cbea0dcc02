// /readyz's answer against real SQLite files: ready when every migration this code ships is
// applied (with the hosts online counted), not ready when one is missing or the database cannot
// be read, saying which in words and nothing more.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshStore } from "../support/fresh-store";

const store = await freshStore("readiness");
const { db } = store;
const { readiness } = await import("@/lib/health/readiness");
const { PrismaClient } = await import("@/lib/generated/prisma/client");

beforeAll(() => {
  store.migrate();
});
afterAll(async () => {
  await store.dispose();
});

describe("readiness", () => {
  it("is ready with every migration applied, and counts the hosts online", async () => {
    await db.host.create({ data: { name: "a", uri: "test:///default", status: "online" } });
    await db.host.create({ data: { name: "b", uri: "test:///default", status: "offline" } });
    expect(await readiness()).toEqual({
      ready: true,
      database: "reachable",
      migrations: "applied",
      hosts: { online: 1, total: 2 },
    });
  });

  it("is not ready while a migration of this code is missing from the database", async () => {
    const [last] = await db.$queryRaw<{ migration_name: string }[]>`
      SELECT migration_name FROM "_prisma_migrations" ORDER BY migration_name DESC LIMIT 1`;
    await db.$executeRaw`DELETE FROM "_prisma_migrations" WHERE migration_name = ${last!.migration_name}`;
    expect(await readiness()).toMatchObject({
      ready: false,
      database: "reachable",
      migrations: "1 not applied",
    });
  });

  it("is not ready when the database cannot be read, and says no more than that", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "virtdeck-unreadable-"));
    // A directory where the database file should be: SQLite cannot open it.
    const unreadable = new PrismaClient({
      adapter: new PrismaBetterSQLite3({ url: `file:${dir}` }),
    });
    try {
      expect(await readiness(unreadable)).toEqual({
        ready: false,
        database: "unreachable",
        migrations: "unknown",
      });
    } finally {
      await unreadable.$disconnect().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
