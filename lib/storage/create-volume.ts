// Creates a qcow2 or raw volume, optionally on a backing volume of the same pool. Checked
// against the pool's free space and existing names before anything reaches the host.
import { AppError, asLibvirtError } from "@/lib/errors";
import { hostConnection } from "@/lib/hosts/live-read";
import type { Connection, PoolRef } from "@/lib/libvirt";
import type { CreateVolumeInput } from "@/lib/schemas/storage";
import { buildVolumeXml } from "@/lib/xml/build-storage";
import { parseVolumeXml } from "@/lib/xml/parse-storage";
import { formatBytes } from "./sizes";

/** Creates the volume and returns its path on the host (what a VM disk's source names). */
export async function createVolume(
  input: CreateVolumeInput,
): Promise<{ name: string; path: string }> {
  const { conn } = await hostConnection(input.hostId);
  const pool = await conn.storage.lookupPool(input.pool);
  await refuseExisting(conn, pool, input.name);
  const info = await conn.storage.poolInfo(pool);
  // A raw volume is allocated up front by some pools; qcow2 and backed volumes grow later,
  // but a size beyond what is free is a mistake either way.
  if (input.capacity > info.available)
    throw new AppError(
      "invalid",
      `${formatBytes(input.capacity)} is more than the ${formatBytes(info.available)} free in ${input.pool}`,
    );
  let backing: { path: string; format: string } | null = null;
  if (input.backing) {
    if (input.format !== "qcow2")
      throw new AppError("invalid", "Only a qcow2 volume can have a backing volume");
    const b = await conn.storage.lookupVolume(pool, input.backing).catch((e: unknown) => {
      if (isMissingVolume(e))
        throw new AppError("invalid", `${input.pool} has no volume ${input.backing}`);
      throw e;
    });
    const parsed = parseVolumeXml(await conn.storage.volumeXml(b));
    backing = { path: parsed.path ?? b.key, format: parsed.format ?? "raw" };
  }
  const vol = await conn.storage.createVolume(
    pool,
    buildVolumeXml({
      name: input.name,
      capacity: input.capacity,
      format: input.format,
      backing,
    }),
  );
  return { name: vol.name, path: await conn.storage.volumePath(vol) };
}

/** Refuses a name the pool already has (libvirt would too, with less helpful words). */
export async function refuseExisting(conn: Connection, pool: PoolRef, name: string): Promise<void> {
  const found = await conn.storage.lookupVolume(pool, name).then(
    () => true,
    (e: unknown) => {
      if (isMissingVolume(e)) return false;
      throw e;
    },
  );
  if (found) throw new AppError("conflict", `${pool.name} already has a volume named ${name}`);
}

/**
 * libvirt's "no such volume", checked by shape: connections are made by server.ts's copy of
 * lib/libvirt, so instanceof against the Next bundle's copy would fail (see lib/errors.ts).
 */
export function isMissingVolume(e: unknown): boolean {
  return asLibvirtError(e)?.code === 50;
}
