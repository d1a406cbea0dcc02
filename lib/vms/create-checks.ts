// The create wizard's checks that need the host, each refusing one field so the wizard can show
// it beside that field: run by each step's check before Next, and again by preview and create.
import "server-only";
import { AppError } from "@/lib/errors";
import { type Connection, DomainListFlags } from "@/lib/libvirt";
import type { CreateVmInput } from "@/lib/schemas/vm-create";
import { fieldRefusal } from "@/lib/storage/allowed-paths";
import { isBelow } from "@/lib/storage/host-paths";
import { parsePoolXml, parseVolumeXml } from "@/lib/xml/parse-storage";
import { MACHINE_OF, machineMaxVcpus } from "./create-options";

export type DiskFormat = "qcow2" | "raw";

/** The name of the volume create makes for a new disk, in the pool the wizard chose. */
export function newVolumeName(vmName: string, format: DiskFormat): string {
  return `${vmName}-disk1.${format === "qcow2" ? "qcow2" : "img"}`;
}

export async function refuseTakenName(conn: Connection, name: string): Promise<void> {
  // By listing, not lookupByName + isNotFound: errors from a connection made by server.ts are
  // not instances of this bundle's LibvirtError.
  const doms = await conn.domains.list(DomainListFlags.ACTIVE | DomainListFlags.INACTIVE);
  if (doms.some((d) => d.name === name)) {
    const message = `A VM named ${name} already exists on this host`;
    throw new AppError("conflict", message, { name: [message] });
  }
}

/**
 * The format of a volume the VM will use as it is (imported or existing), as its pool knows it:
 * declaring a raw image qcow2 stops QEMU, and the reverse would hand the guest the qcow2 container.
 * A path that is no volume of the host's pools is refused.
 */
export async function volumeFormat(
  conn: Connection,
  path: string,
  field: string,
): Promise<DiskFormat> {
  const vol = await conn.storage.lookupVolumeByPath(path).catch(() => null);
  if (!vol)
    throw fieldRefusal(
      field,
      `${path} is not a volume in any of the host's storage pools (refresh its pool, or add its directory as a pool)`,
    );
  return parseVolumeXml(await conn.storage.volumeXml(vol)).format === "qcow2" ? "qcow2" : "raw";
}

/** The host's pools with their target directories. */
async function poolPaths(conn: Connection) {
  const refs = await conn.storage.listPools(0);
  return Promise.all(
    refs.map(async (ref) => ({ ref, path: parsePoolXml(await conn.storage.poolXml(ref)).path })),
  );
}

/**
 * An ISO inside one of the host's pools must be one of its volumes: a file that is not there
 * would only fail when the VM starts. Elsewhere (an allowed root, or anywhere with Sys.Modify)
 * libvirt offers no way to look, and the start is the check.
 */
export async function requireIsoVolume(conn: Connection, isoPath: string): Promise<void> {
  if (await conn.storage.lookupVolumeByPath(isoPath).catch(() => null)) return;
  const pool = (await poolPaths(conn)).find((p) => p.path && isBelow(isoPath, p.path));
  if (pool)
    throw fieldRefusal(
      "source.isoPath",
      `${isoPath} is not a volume of pool ${pool.ref.name} (no such file; refresh the pool if it was just copied there)`,
    );
}

/** Refuses more vCPUs than the VM's machine type takes on this host (its domain capabilities). */
export async function requireVcpusFit(
  conn: Connection,
  input: Pick<CreateVmInput, "vcpus" | "firmware">,
  virttype: "kvm" | "qemu",
): Promise<void> {
  const max = await machineMaxVcpus(conn, virttype, input.firmware);
  if (max === null || input.vcpus <= max) return;
  const message = `vCPUs: at most ${max} on this host (machine type ${MACHINE_OF[input.firmware]}, ${virttype})`;
  throw new AppError("invalid", message, { vcpus: [message] });
}

/** The new disk's pool, refused unless the host has it and it is active. */
export async function requireActivePool(conn: Connection, name: string) {
  const pool = (await poolPaths(conn)).find((p) => p.ref.name === name);
  if (!pool) throw fieldRefusal("disk.pool", `The host has no pool named ${name}`);
  if (!(await conn.storage.isPoolActive(pool.ref)))
    throw fieldRefusal("disk.pool", `${name} is not active (start it on the Storage page)`);
  return pool;
}

/** Where create will make the new disk: its pool (there and active), volume name (free) and path. */
export async function plannedNewDisk(
  conn: Connection,
  vmName: string,
  disk: Extract<CreateVmInput["disk"], { mode: "new" }>,
): Promise<{ pool: string; name: string; path: string }> {
  const pool = await requireActivePool(conn, disk.pool);
  const name = newVolumeName(vmName, disk.format);
  if (await conn.storage.lookupVolume(pool.ref, name).catch(() => null))
    throw fieldRefusal("disk.pool", `${disk.pool} already has a volume named ${name}`, "conflict");
  return { pool: disk.pool, name, path: `${(pool.path ?? "").replace(/\/$/, "")}/${name}` };
}
