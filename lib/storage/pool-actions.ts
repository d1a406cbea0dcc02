// Create, build, start, stop, refresh, autostart and delete pools, each audited.
import type { SessionUser } from "@/lib/auth/session-store";
import { AppError } from "@/lib/errors";
import { ObjectListFlags } from "@/lib/libvirt";
import type { CreatePoolInput, PoolActionInput, PoolRefInput } from "@/lib/schemas/storage";
import { buildPoolXml } from "@/lib/xml/build-storage";
import { changeStorage } from "./change-storage";
import { readVolumes } from "./read-storage";

/** Defines the pool, then builds, starts and marks it autostart as asked; undone on failure. */
export function createPool(user: SessionUser, input: CreatePoolInput): Promise<void> {
  const ref = { hostId: input.hostId, target: input.name };
  return changeStorage(user, "pool.create", ref, async ({ conn }) => {
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
  });
}

export function poolAction(user: SessionUser, input: PoolActionInput): Promise<void> {
  const action =
    input.action === "autostart"
      ? `pool.autostart.${input.on ? "on" : "off"}`
      : `pool.${input.action}`;
  return changeStorage(
    user,
    action,
    { hostId: input.hostId, target: input.pool },
    async ({ conn }) => {
      const pool = await conn.storage.lookupPool(input.pool);
      if (input.action === "build") await conn.storage.buildPool(pool);
      else if (input.action === "start") await conn.storage.startPool(pool);
      else if (input.action === "stop") await conn.storage.destroyPool(pool);
      else if (input.action === "refresh") await conn.storage.refreshPool(pool);
      else await conn.storage.setPoolAutostart(pool, input.on);
    },
  );
}

/**
 * Stops and undefines a pool (and with deleteStorage, removes its directory or VG). Refused
 * while a VM of the inventory has a disk on one of its volumes: the VM would lose its disk.
 */
export function deletePool(
  user: SessionUser,
  ref: PoolRefInput,
  deleteStorage: boolean,
): Promise<void> {
  return changeStorage(
    user,
    "pool.delete",
    { hostId: ref.hostId, target: ref.pool },
    async ({ conn, host }) => {
      const pool = await conn.storage.lookupPool(ref.pool);
      const active = await conn.storage.isPoolActive(pool);
      if (active) {
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
    },
  );
}
