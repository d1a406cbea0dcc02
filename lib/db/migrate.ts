// Applies the committed migrations in prisma/migrations at server start, in Prisma's own
// bookkeeping table, so `prisma migrate status` agrees and no CLI (or engine) runs at start-up.
import { createHash, randomUUID } from "node:crypto";
import { chmodSync, existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

const BOOKKEEPING_DDL = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" TEXT PRIMARY KEY NOT NULL,
  "checksum" TEXT NOT NULL,
  "finished_at" DATETIME,
  "migration_name" TEXT NOT NULL,
  "logs" TEXT,
  "rolled_back_at" DATETIME,
  "started_at" DATETIME NOT NULL DEFAULT current_timestamp,
  "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

export interface MigrationResult {
  applied: string[];
  alreadyApplied: number;
}

/** Lists migration folders in the order Prisma applies them (their names sort by timestamp). */
export function listMigrations(migrationsDir: string): { name: string; sql: string }[] {
  if (!existsSync(migrationsDir)) return [];
  return readdirSync(migrationsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(migrationsDir, d.name, "migration.sql")))
    .map((d) => d.name)
    .sort()
    .map((name) => ({
      name,
      sql: readFileSync(path.join(migrationsDir, name, "migration.sql"), "utf8"),
    }));
}

/** Applies every migration not yet recorded, each in its own transaction. */
export function migrate(dbFile: string, migrationsDir: string): MigrationResult {
  const sqlite = new Database(dbFile);
  try {
    sqlite.pragma("journal_mode = WAL");
    // Sessions, token hashes and sealed keys live here: only the service account reads it.
    // SQLite gives its -wal and -shm files the main file's mode.
    for (const f of [dbFile, `${dbFile}-wal`, `${dbFile}-shm`])
      if (existsSync(f)) chmodSync(f, 0o600);
    sqlite.exec(BOOKKEEPING_DDL);
    const done = new Set(
      sqlite
        .prepare(
          `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
        )
        .all()
        .map((row) => (row as { migration_name: string }).migration_name),
    );
    const applied: string[] = [];
    for (const { name, sql } of listMigrations(migrationsDir)) {
      if (done.has(name)) continue;
      const checksum = createHash("sha256").update(sql).digest("hex");
      sqlite.transaction(() => {
        sqlite.exec(sql);
        sqlite
          .prepare(
            `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
             VALUES (?, ?, ?, current_timestamp, current_timestamp, 1)`,
          )
          .run(randomUUID(), checksum, name);
      })();
      applied.push(name);
    }
    return { applied, alreadyApplied: done.size };
  } finally {
    sqlite.close();
  }
}
