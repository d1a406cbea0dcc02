// Creates a VM from the wizard's (or the API's) fields: checks what it can before anything
// reaches the host, creates the new disk volume, defines the domain and starts it when asked.
// A failure after the volume exists removes the volume (and the domain) again.
import { requireNotInMaintenance } from "@/lib/hosts/store";
import "server-only";
import { AppError } from "@/lib/errors";
import { hostConnection, withTimeout } from "@/lib/hosts/live-read";
import { observeDomain } from "@/lib/inventory/observe-domain";
import { saveObservation } from "@/lib/inventory/vm-store";
import type { Connection } from "@/lib/libvirt";
import { findOs } from "@/lib/osinfo/catalog";
import type { CreateVmInput } from "@/lib/schemas/vm-create";
import { createVolume } from "@/lib/storage/create-volume";
import { deleteVolume } from "@/lib/storage/volume-actions";
import type { TaskRun } from "@/lib/tasks/run-task";
import { buildDomainXml, type DomainDisk } from "@/lib/xml/build-domain";
import {
  type DiskFormat,
  plannedNewDisk,
  refuseTakenName,
  requireIsoVolume,
  requireVcpusFit,
  volumeFormat,
} from "./create-checks";

const GIB = 1024 ** 3;

/** The host paths the fields name, by field (for the check that they are pools' or allowed). */
export function createVmPaths(input: {
  source?: CreateVmInput["source"];
  disk?: CreateVmInput["disk"];
}): Record<string, string | undefined> {
  const { source, disk } = input;
  return {
    "source.isoPath": source?.kind === "iso" ? source.isoPath : undefined,
    "source.diskPath": source?.kind === "import" ? source.diskPath : undefined,
    "source.kernel": source?.kind === "kernel" ? source.kernel : undefined,
    "source.initrd": source?.kind === "kernel" ? source.initrd : undefined,
    "disk.path": disk?.mode === "existing" ? disk.path : undefined,
  };
}

/** The formats of the imported and existing volumes of `input`, read from the host. */
export async function existingDiskFormats(
  conn: Connection,
  input: CreateVmInput,
): Promise<Map<string, DiskFormat>> {
  const paths: (readonly [string, string])[] = [
    ...(input.source.kind === "import"
      ? [[input.source.diskPath, "source.diskPath"] as const]
      : []),
    ...(input.disk.mode === "existing" ? [[input.disk.path, "disk.path"] as const] : []),
  ];
  return new Map(
    await Promise.all(
      paths.map(async ([p, field]) => [p, await volumeFormat(conn, p, field)] as const),
    ),
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

export interface NewDisk {
  pool: string;
  name: string;
  path: string;
}

/**
 * The checks on the host that preview and create share (each refusal names its field): the name
 * is free, the ISO is there, the vCPUs fit the machine type, imported and existing disks are
 * volumes (their formats), and where the new disk will be made.
 */
async function checkOnHost(
  conn: Connection,
  input: CreateVmInput,
): Promise<{ formats: Map<string, DiskFormat>; newDisk: NewDisk | null }> {
  await refuseTakenName(conn, input.name);
  if (input.source.kind === "iso") await requireIsoVolume(conn, input.source.isoPath);
  await requireVcpusFit(conn, input, input.domainType);
  const formats = await existingDiskFormats(conn, input);
  const newDisk =
    input.disk.mode === "new" ? await plannedNewDisk(conn, input.name, input.disk) : null;
  return { formats, newDisk };
}

/** The review step: what create would define (the new disk at its future path), nothing made. */
export async function previewCreateVm(
  input: CreateVmInput,
): Promise<{ xml: string; newDisk: NewDisk | null }> {
  const { host, conn } = await hostConnection(input.hostId);
  const { formats, newDisk } = await withTimeout(checkOnHost(conn, input), host.name);
  return { xml: domainXmlFor(input, formats, newDisk?.path), newDisk };
}

/** The new disk through lib/storage (free-space check, audit, live pool update). */
async function createDisk(
  conn: Connection,
  input: CreateVmInput,
): Promise<{ pool: string; name: string; path: string } | null> {
  if (input.disk.mode !== "new") return null;
  const capacity = Math.round(input.disk.sizeGib * GIB);
  const { name } = await plannedNewDisk(conn, input.name, input.disk);
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

/**
 * Checks a create (the host takes new VMs; the name, media, vCPUs and disks pass) and returns
 * the create itself, which defines (and optionally starts) the VM, each step a line of its
 * task, and returns its inventory id.
 */
export async function planCreateVm(input: CreateVmInput) {
  await requireNotInMaintenance(input.hostId, "create a VM");
  const { host, conn } = await hostConnection(input.hostId);
  const { formats } = await checkOnHost(conn, input);
  // What the XML and the new disk would refuse, refused now: an API caller gets no task for it.
  domainXmlFor(input, formats);
  if (input.disk.mode === "new" && Math.round(input.disk.sizeGib * GIB) < 1024 * 1024)
    throw new AppError("invalid", "Disk size must be at least 1 MiB");
  return (task: Pick<TaskRun, "log" | "aboutVm">) => createVm(input, host, conn, formats, task);
}

async function createVm(
  input: CreateVmInput,
  host: { id: string; name: string },
  conn: Connection,
  formats: Map<string, DiskFormat>,
  task: Pick<TaskRun, "log" | "aboutVm">,
): Promise<{ id: string }> {
  const vol = await createDisk(conn, input);
  if (vol) task.log(`Created the disk ${vol.pool}/${vol.name}`);
  try {
    const xml = domainXmlFor(input, formats, vol?.path);
    const dom = await conn.domains.define(xml);
    task.aboutVm(dom.uuid);
    task.log(`Defined ${dom.name} on ${host.name}`);
    try {
      if (input.start) {
        await conn.domains.start(dom);
        task.log(`Started ${dom.name}`);
      }
    } catch (error) {
      await conn.domains.undefine(dom).catch(() => undefined);
      task.log(`Undefined ${dom.name} again: it did not start`, "warn");
      throw error;
    }
    return { id: await saveObservation(host.id, await observeDomain(conn, dom, false)) };
  } catch (error) {
    if (vol) {
      await deleteVolume({ hostId: host.id, pool: vol.pool, volume: vol.name }).catch(
        () => undefined,
      );
      task.log(`Deleted the disk ${vol.pool}/${vol.name} again`, "warn");
    }
    throw error;
  }
}
