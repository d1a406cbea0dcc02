// Resize, clone and delete volumes. A volume a VM uses is never deleted.
import { AppError } from "@/lib/errors";
import { hostConnection } from "@/lib/hosts/live-read";
import { VolFlags } from "@/lib/libvirt";
import type { VolumeRefInput } from "@/lib/schemas/storage";
import { buildVolumeXml } from "@/lib/xml/build-storage";
import { parseVolumeXml } from "@/lib/xml/parse-storage";
import { type CopyProgress, withCopyProgress } from "./copy-progress";
import { refuseExisting } from "./create-volume";
import { vmsByDiskPath } from "./read-storage";
import { formatBytes } from "./sizes";

/** The message that asks the operator to confirm a shrink (the UI looks for its start). */
export const SHRINK_REFUSAL = "Shrinking";

/**
 * Checks a resize to `capacity` bytes (room in the pool to grow; a shrink only when asked for
 * explicitly) and returns it to run, so a refusal comes before its task.
 */
export async function planResize(
  ref: VolumeRefInput,
  capacity: number,
  shrink = false,
): Promise<() => Promise<void>> {
  const { conn } = await hostConnection(ref.hostId);
  const pool = await conn.storage.lookupPool(ref.pool);
  const vol = await conn.storage.lookupVolume(pool, ref.volume);
  const [info, poolInfo] = await Promise.all([
    conn.storage.volumeInfo(vol),
    conn.storage.poolInfo(pool),
  ]);
  if (capacity - info.capacity > poolInfo.available)
    throw new AppError(
      "invalid",
      `Growing by ${formatBytes(capacity - info.capacity)} needs more than the ${formatBytes(poolInfo.available)} free in ${ref.pool}`,
    );
  // Shrinking loses the guest's data at the end of the disk: libvirt refuses it without
  // the flag, and so do we unless the operator confirmed it.
  const shrinking = capacity < info.capacity;
  if (shrinking && !shrink)
    throw new AppError(
      "conflict",
      `${SHRINK_REFUSAL} ${ref.volume} from ${formatBytes(info.capacity)} to ${formatBytes(capacity)} cuts off the data at the end of the disk; confirm to shrink`,
    );
  const flags = shrinking ? VolFlags.RESIZE_SHRINK : 0;
  return () => conn.storage.resizeVolume(vol, capacity, flags);
}

/** A volume copy checked and ready to run (a task runs it: libvirt's copy takes a while). */
export interface VolumeCopy {
  /** "pool/source → name", for the task's phase and log. */
  label: string;
  /** Bytes to copy: the source's allocation. */
  bytes: number;
  run(onProgress: (p: CopyProgress) => void): Promise<{ name: string; path: string }>;
}

/**
 * Checks a copy of a volume into a new one of the same pool and format (the name is free, the
 * pool has room) and returns it to run. libvirt copies in one call that cannot be stopped.
 */
export async function planVolumeCopy(ref: VolumeRefInput, name: string): Promise<VolumeCopy> {
  const { conn } = await hostConnection(ref.hostId);
  const pool = await conn.storage.lookupPool(ref.pool);
  const source = await conn.storage.lookupVolume(pool, ref.volume);
  await refuseExisting(conn, pool, name);
  const [info, poolInfo, xml] = await Promise.all([
    conn.storage.volumeInfo(source),
    conn.storage.poolInfo(pool),
    conn.storage.volumeXml(source),
  ]);
  if (info.allocation > poolInfo.available)
    throw new AppError(
      "invalid",
      `The copy needs ${formatBytes(info.allocation)}; ${ref.pool} has ${formatBytes(poolInfo.available)} free`,
    );
  const format = parseVolumeXml(xml).format === "qcow2" ? "qcow2" : "raw";
  return {
    label: `${ref.pool}/${ref.volume} → ${name}`,
    bytes: info.allocation,
    async run(onProgress) {
      const vol = await withCopyProgress(conn, pool, name, info.allocation, onProgress, () =>
        conn.storage.cloneVolume(
          pool,
          buildVolumeXml({ name, capacity: info.capacity, format }),
          source,
        ),
      );
      return { name: vol.name, path: await conn.storage.volumePath(vol) };
    },
  };
}

/** Deletes a volume; refused while an inventory VM has a disk on it. */
export async function deleteVolume(ref: VolumeRefInput): Promise<void> {
  const { conn, host } = await hostConnection(ref.hostId);
  const pool = await conn.storage.lookupPool(ref.pool);
  const vol = await conn.storage.lookupVolume(pool, ref.volume);
  const path = await conn.storage.volumePath(vol);
  const users = (await vmsByDiskPath(host.id)).get(path) ?? [];
  if (users.length > 0)
    throw new AppError(
      "conflict",
      `${ref.volume} is in use by ${users.map((u) => u.name).join(", ")}: remove the disk from the VM first`,
    );
  await conn.storage.deleteVolume(vol);
}
