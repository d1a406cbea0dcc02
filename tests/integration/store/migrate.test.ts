// The start-up migrator against real SQLite files, with Prisma's own CLI as the oracle.
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { listMigrations, migrate } from "@/lib/db/migrate";

const root = path.resolve(import.meta.dirname, "../../..");
const migrationsDir = path.join(root, "prisma/migrations");
const dirs: string[] = [];

function freshDbFile(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "virtdeck-migrate-"));
  dirs.push(dir);
  return path.join(dir, "test.db");
}

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("migrate", () => {
  it("creates every table on a fresh file, then does nothing the second time", () => {
    const file = freshDbFile();
    const first = migrate(file, migrationsDir);
    expect(first.applied).toEqual(listMigrations(migrationsDir).map((m) => m.name));
    expect(first.applied.length).toBeGreaterThan(0);
    const second = migrate(file, migrationsDir);
    expect(second).toEqual({ applied: [], alreadyApplied: first.applied.length });
    // Only the service account may read sessions' and tokens' hashes and sealed keys.
    expect(statSync(file).mode & 0o777).toBe(0o600);

    const sqlite = new Database(file, { readonly: true });
    const tables = sqlite
      .prepare("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")
      .all();
    sqlite.close();
    expect(tables.map((t) => (t as { name: string }).name)).toEqual(
      expect.arrayContaining(["AuditEvent", "Host", "Session", "User", "_prisma_migrations"]),
    );
  });

  it("upgrades a one-user install: its users become Administrator on /, sessions and tokens kept", () => {
    const file = freshDbFile();
    // The database as the last release left it: every migration before the permissions one.
    const before = path.join(path.dirname(file), "before");
    for (const { name } of listMigrations(migrationsDir).filter((m) => m.name < "20261201")) {
      mkdirSync(path.join(before, name), { recursive: true });
      cpSync(path.join(migrationsDir, name), path.join(before, name), { recursive: true });
    }
    migrate(file, before);
    const old = new Database(file);
    old.exec(
      `INSERT INTO User (id, username, passwordHash, updatedAt) VALUES ('u1', 'admin', 'h', 0)`,
    );
    old.exec(
      `INSERT INTO Session (id, tokenHash, userId, createdAt, expiresAt) VALUES ('s1', 'sh', 'u1', 1700000000000, 0)`,
    );
    old.exec(
      `INSERT INTO ApiToken (id, name, tokenHash, prefix, userId) VALUES ('t1', 'ci', 'th', 'vdk_ab', 'u1')`,
    );
    old.close();

    expect(migrate(file, migrationsDir).applied).toEqual(
      listMigrations(migrationsDir)
        .map((m) => m.name)
        .filter((name) => name >= "20261201"),
    );
    const db = new Database(file, { readonly: true });
    const get = (sql: string) => db.prepare(sql).all();
    expect(get("SELECT path, subjectType, subjectId, role, propagate FROM AclEntry")).toEqual([
      { path: "/", subjectType: "user", subjectId: "u1", role: "Administrator", propagate: 1 },
    ]);
    // A session's absolute lifetime counts from when it was made.
    expect(get("SELECT id, signedInAt FROM Session")).toEqual([
      { id: "s1", signedInAt: 1700000000000 },
    ]);
    // Tokens stay full tokens of their user (not privilege-separated, no expiry).
    expect(get("SELECT id, privsep, expiresAt FROM ApiToken")).toEqual([
      { id: "t1", privsep: 0, expiresAt: null },
    ]);
    expect(get("SELECT disabled FROM User")).toEqual([{ disabled: 0 }]);
    expect(get("SELECT version FROM AccessVersion")).toEqual([{ version: 1 }]);
    db.close();
  });

  it("leaves a database that prisma migrate status calls up to date", () => {
    const file = freshDbFile();
    migrate(file, migrationsDir);
    const out = execFileSync(path.join(root, "node_modules/.bin/prisma"), ["migrate", "status"], {
      cwd: root,
      env: {
        ...process.env,
        DATABASE_URL: `file:${file}`,
        PRISMA_SCHEMA_ENGINE_BINARY: "/bin/true",
        PRISMA_QUERY_ENGINE_LIBRARY: "/bin/true",
      },
      encoding: "utf8",
    });
    expect(out).toContain("Database schema is up to date");
  });

  it("rolls back a failing migration and records nothing for it", () => {
    const file = freshDbFile();
    const brokenDir = mkdtempSync(path.join(tmpdir(), "virtdeck-broken-"));
    dirs.push(brokenDir);
    mkdirSync(path.join(brokenDir, "1_bad"));
    writeFileSync(path.join(brokenDir, "1_bad/migration.sql"), "CREATE TABLE a (x INT);\nNOT SQL;");
    expect(() => migrate(file, brokenDir)).toThrow();
    const sqlite = new Database(file, { readonly: true });
    const names = sqlite.prepare("SELECT name FROM sqlite_master WHERE type='table'").all();
    const recorded = sqlite.prepare(`SELECT count(*) AS n FROM "_prisma_migrations"`).get() as {
      n: number;
    };
    sqlite.close();
    expect(names.map((t) => (t as { name: string }).name)).not.toContain("a");
    expect(recorded.n).toBe(0);
  });
});
