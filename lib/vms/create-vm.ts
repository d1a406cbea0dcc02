// Creates a VM from the wizard's (or the API's) fields: checks what it can before anything
// reaches the host, creates the new disk volume, defines the domain and starts it when asked.
// A failure after the volume exists removes the volume (and the domain) again.
import "server-only";
import { AppError } from "@/lib/errors";
import { hostConnection, withTimeout } from "@/lib/hosts/live-read";
import { observeDomain } from "@/lib/inventory/observe-domain";
import { saveObservation } from "@/lib/inventory/vm-store";
import { type Connection, DomainListFlags } from "@/lib/libvirt";
import { findOs } from "@/lib/osinfo/catalog";
import type { CreateVmInput } from "@/lib/schemas/vm-create";
import { createVolume } from "@/lib/storage/create-volume";
import { deleteVolume } from "@/lib/storage/volume-actions";
import { buildDomainXml, type DomainDisk } from "@/lib/xml/build-domain";
import { parseVolumeXml } from "@/lib/xml/parse-storage";

const GIB = 1024 ** 3;

type DiskFormat = "qcow2" | "raw";

/**
 * The format of a volume the VM will use as it is (imported or existing), as its pool knows it:
 * declaring a raw image qcow2 stops QEMU, and the reverse would hand the guest the qcow2 container.
 * A path that is no volume of the host's pools is refused.
 */
async function volumeFormat(conn: Connection, path: string): Promise<DiskFormat> {
  const vol = await conn.storage.lookupVolumeByPath(path).catch(() => null);
  if (!vol)
    throw new AppError(
      "invalid",
      `${path} is not a volume in any of the host's storage pools (refresh its pool, or add its directory as a pool)`,
    );
  return parseVolumeXml(await conn.storage.volumeXml(vol)).format === "qcow2" ? "qcow2" : "raw";
}

/** The host paths the fields name, by field (for the check that they are pools' or allowed). */
export function createVmPaths(input: CreateVmInput): Record<string, string | undefined> {
  const { source, disk } = input;
  return {
    "source.isoPath": source.kind === "iso" ? source.isoPath : undefined,
    "source.diskPath": source.kind === "import" ? source.diskPath : undefined,
    "source.kernel": source.kind === "kernel" ? source.kernel : undefined,
    "source.initrd": source.kind === "kernel" ? source.initrd : undefined,
    "disk.path": disk.mode === "existing" ? disk.path : undefined,
  };
}

/** The formats of the imported and existing volumes of `input`, read from the host. */
export async function existingDiskFormats(
  conn: Connection,
  input: CreateVmInput,
): Promise<Map<string, DiskFormat>> {
  const paths = [
    ...(input.source.kind === "import" ? [input.source.diskPath] : []),
    ...(input.disk.mode === "existing" ? [input.disk.path] : []),
  ];
  return new Map(
    await Promise.all(paths.map(async (p) => [p, await volumeFormat(conn, p)] as const)),
  );
}

/** The domain XML to define; `newDiskPath` is a placeholder until the new volume exists. */
export function domainXmlFor(
  input: CreateVmInput,
  formats: Map<string, DiskFormat>,
  newDiskPath = "(new volume)",
): string {
  if (input.osinfoId && !findOs(input.osinfoId))
    throw new AppError("invalid", `Unknown operating system ${input.osinfoId} (not in osinfo-db)`);
  const formatOf = (path: string) => formats.get(path) ?? "raw";
  const disks: DomainDisk[] = [];
  if (input.source.kind === "import")
    disks.push({
      path: input.source.diskPath,
      format: formatOf(input.source.diskPath),
      bus: input.diskBus,
    });
  if (input.disk.mode === "new")
    disks.push({ path: newDiskPath, format: input.disk.format, bus: input.diskBus });
  if (input.disk.mode === "existing")
    disks.push({ path: input.disk.path, format: formatOf(input.disk.path), bus: input.diskBus });
  return buildDomainXml({ ...input, disks });
}

/** The review step's XML: what create would define, with the volumes' real formats. */
export async function previewDomainXml(input: CreateVmInput): Promise<string> {
  const { host, conn } = await hostConnection(input.hostId);
  const formats = await withTimeout(existingDiskFormats(conn, input), host.name);
  return domainXmlFor(input, formats);
}

export function newVolumeName(vmName: string, format: "qcow2" | "raw"): string {
  return `${vmName}-disk1.${format === "qcow2" ? "qcow2" : "img"}`;
}

async function refuseExisting(conn: Connection, name: string): Promise<void> {
  // By listing, not lookupByName + isNotFound: errors from a connection made by server.ts are
  // not instances of this bundle's LibvirtError.
  const doms = await conn.domains.list(DomainListFlags.ACTIVE | DomainListFlags.INACTIVE);
  if (doms.some((d) => d.name === name))
    throw new AppError("conflict", `A VM named ${name} already exists on this host`);
}

/** The new disk through lib/storage (free-space check, audit, live pool update). */
async function createDisk(
  input: CreateVmInput,
): Promise<{ pool: string; name: string; path: string } | null> {
  if (input.disk.mode !== "new") return null;
  const capacity = Math.round(input.disk.sizeGib * GIB);
  if (capacity < 1024 * 1024) throw new AppError("invalid", "Disk size must be at least 1 MiB");
  const name = newVolumeName(input.name, input.disk.format);
  const { pool, format } = input.disk;
  const vol = await createVolume({
    hostId: input.hostId,
    pool,
    name,
    format,
    capacity,
    backing: "",
  });
  return { pool, name: vol.name, path: vol.path };
}

/** Defines (and optionally starts) the VM; returns its inventory id. */
export async function createVm(input: CreateVmInput): Promise<{ id: string }> {
  const { host, conn } = await hostConnection(input.hostId);
  await refuseExisting(conn, input.name);
  const formats = await existingDiskFormats(conn, input);
  const vol = await createDisk(input);
  try {
    const xml = domainXmlFor(input, formats, vol?.path);
    const dom = await conn.domains.define(xml);
    try {
      if (input.start) await conn.domains.start(dom);
    } catch (error) {
      await conn.domains.undefine(dom).catch(() => undefined);
      throw error;
    }
    return { id: await saveObservation(host.id, await observeDomain(conn, dom, false)) };
  } catch (error) {
    if (vol)
      await deleteVolume({ hostId: host.id, pool: vol.pool, volume: vol.name }).catch(
        () => undefined,
      );
    throw error;
  }
}
