// A real SQLite file of a test file's own: the environment points at a new data directory
// before lib/env is first loaded (so import this before anything that reads the store), every
// migration is applied, and dispose() closes the database and removes the directory.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const MIGRATIONS = path.resolve(import.meta.dirname, "../../../prisma/migrations");

export async function freshStore(name: string) {
  const dataDir = mkdtempSync(path.join(tmpdir(), `virtdeck-${name}-`));
  process.env.VIRTDECK_DATA_DIR = dataDir;
  delete process.env.DATABASE_URL;
  delete process.env.VIRTDECK_ADMIN_PASSWORD;
  const { env, sqlitePath } = await import("@/lib/env");
  const { migrate } = await import("@/lib/db/migrate");
  const { db, closeDb } = await import("@/lib/db/client");
  return {
    dataDir,
    db,
    env,
    sqlitePath,
    /** Applies every migration (call once, before the first query). */
    migrate: () => migrate(sqlitePath(env.DATABASE_URL), MIGRATIONS),
    async dispose(): Promise<void> {
      await closeDb();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
