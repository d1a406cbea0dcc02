// Create, build, start, stop, refresh, autostart and delete pools.
import { AppError } from "@/lib/errors";
import { hostConnection } from "@/lib/hosts/live-read";
import { ObjectListFlags } from "@/lib/libvirt";
import type { CreatePoolInput, PoolActionInput, PoolRefInput } from "@/lib/schemas/storage";
import { buildPoolXml } from "@/lib/xml/build-storage";
import { readVolumes } from "./read-storage";

/** Defines the pool, then builds, starts and marks it autostart as asked; undone on failure. */
export async function createPool(input: CreatePoolInput): Promise<void> {
  const { conn } = await hostConnection(input.hostId);
  const existing = await conn.storage.listPools(0);
  if (existing.some((p) => p.name === input.name))
    throw new AppError("conflict", `The host already has a pool named ${input.name}`);
  const pool = await conn.storage.definePool(buildPoolXml(input));
  try {
    if (input.build) await conn.storage.buildPool(pool);
    if (input.start) await conn.storage.startPool(pool);
    if (input.autostart) await conn.storage.setPoolAutostart(pool, true);
  } catch (error) {
    if (await conn.storage.isPoolActive(pool).catch(() => false))
      await conn.storage.destroyPool(pool).catch(() => undefined);
    await conn.storage.undefinePool(pool).catch(() => undefined);
    throw error;
  }
}

/** Build, start, stop, refresh or autostart: a pool's state. */
export async function changePoolState(input: PoolActionInput): Promise<void> {
  const { conn } = await hostConnection(input.hostId);
  const pool = await conn.storage.lookupPool(input.pool);
  if (input.action === "build") await conn.storage.buildPool(pool);
  else if (input.action === "start") await conn.storage.startPool(pool);
  else if (input.action === "stop") await conn.storage.destroyPool(pool);
  else if (input.action === "refresh") await conn.storage.refreshPool(pool);
  else await conn.storage.setPoolAutostart(pool, input.on);
}

/**
 * Stops and undefines a pool (and with deleteStorage, removes its directory or VG). Refused
 * while a VM of the inventory has a disk on one of its volumes: the VM would lose its disk.
 */
export async function deletePool(ref: PoolRefInput, deleteStorage: boolean): Promise<void> {
  const { conn, host } = await hostConnection(ref.hostId);
  const pool = await conn.storage.lookupPool(ref.pool);
  if (await conn.storage.isPoolActive(pool)) {
    await conn.storage.refreshPool(pool).catch(() => undefined);
    const inUse = (await readVolumes(conn, host.id, pool)).filter((v) => v.usedBy.length > 0);
    if (inUse.length > 0)
      throw new AppError(
        "conflict",
        `${ref.pool} has volumes in use: ${inUse
          .map((v) => `${v.name} (${v.usedBy.map((u) => u.name).join(", ")})`)
          .join("; ")}`,
      );
    await conn.storage.destroyPool(pool);
  }
  if (deleteStorage) await conn.storage.deletePool(pool);
  const persistent = await conn.storage.listPools(ObjectListFlags.PERSISTENT);
  if (persistent.some((p) => p.uuid === pool.uuid)) await conn.storage.undefinePool(pool);
}
