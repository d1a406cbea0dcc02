// A throw-away directory pool for VM tests, made through lib/libvirt under a fresh temp dir with a
// random name, and removed again with everything in it. Existing pools are never touched.
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { connect } from "../../../lib/libvirt";

export interface LabPool {
  name: string;
  dir: string;
  remove: () => Promise<void>;
}

/** `name`: exactly this name (the same pool name on two hosts); otherwise `prefix` and a random tail. */
export async function createLabPool(
  uri: string,
  prefix = "vd-vms",
  { name = `${prefix}-${randomBytes(4).toString("hex")}` }: { name?: string } = {},
): Promise<LabPool> {
  const dir = await mkdtemp(path.join(tmpdir(), `${name}-`));
  const conn = await connect(uri);
  try {
    const xml = `<pool type='dir'><name>${name}</name><target><path>${dir}</path></target></pool>`;
    const pool = await conn.storage.definePool(xml);
    await conn.storage.startPool(pool);
  } finally {
    await conn.close();
  }
  const remove = async () => {
    const c = await connect(uri);
    try {
      const pool = await c.storage.lookupPool(name);
      for (const vol of await c.storage.listVolumes(pool).catch(() => []))
        await c.storage.deleteVolume(vol).catch(() => undefined);
      await c.storage.destroyPool(pool).catch(() => undefined);
      await c.storage.undefinePool(pool).catch(() => undefined);
    } catch {
      // already gone
    } finally {
      await c.close();
      await rm(dir, { recursive: true, force: true });
    }
  };
  return { name, dir, remove };
}
