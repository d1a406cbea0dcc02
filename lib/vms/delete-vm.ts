// Deletes a VM: powers it off first only when asked to, undefines it with its snapshot and
// checkpoint metadata, managed save and NVRAM, then deletes the chosen disk volumes (only
// volumes the VM itself uses) and refreshes their pools so storage pages update.
import "server-only";
import { AppError, toActionError } from "@/lib/errors";
import { forgetVm } from "@/lib/inventory/update-labels";
import { markGone } from "@/lib/inventory/vm-store";
import { type Connection, DomainListFlags, DomainXmlFlags, UndefineFlags } from "@/lib/libvirt";
import type { DeleteVmInput } from "@/lib/schemas/vm-edit";
import { deleteVolume } from "@/lib/storage/volume-actions";
import type { TaskRun } from "@/lib/tasks/run-task";
import { parseDomainXml } from "@/lib/xml/parse-domain";
import { vmOnHost } from "./change-vm";

const UNDEFINE_ALL =
  UndefineFlags.MANAGED_SAVE |
  UndefineFlags.SNAPSHOTS_METADATA |
  UndefineFlags.NVRAM |
  UndefineFlags.CHECKPOINTS_METADATA;

async function deleteVolumes(
  conn: Connection,
  hostId: string,
  paths: string[],
  log: TaskRun["log"],
): Promise<string[]> {
  const failed: string[] = [];
  for (const path of paths) {
    try {
      const vol = await conn.storage.lookupVolumeByPath(path);
      await deleteVolume({ hostId, pool: vol.pool, volume: vol.name });
      log(`Deleted the volume ${vol.pool}/${vol.name}`);
    } catch (error) {
      failed.push(`${path}: ${toActionError(error)}`);
      log(`Could not delete ${path}: ${toActionError(error)}`, "warn");
    }
  }
  return failed;
}

/** The uuids of the host's domains now: the inventory marks the rest gone. */
async function presentUuids(conn: Connection): Promise<string[]> {
  const doms = await conn.domains.list(DomainListFlags.ACTIVE | DomainListFlags.INACTIVE);
  return doms.map((d) => d.uuid);
}

/**
 * Checks a delete (the volumes are the VM's own; a running VM only with force) and returns the
 * delete itself, which says each step to `log` (its task's, when volumes go with it).
 */
export async function planDeleteVm(input: DeleteVmInput) {
  const { conn, dom, hostId } = await vmOnHost(input.id);
  const disks = parseDomainXml(await conn.domains.xml(dom, DomainXmlFlags.INACTIVE)).disks;
  const own = new Set(disks.filter((d) => d.device === "disk").map((d) => d.source));
  const stray = input.volumes.filter((p) => !own.has(p));
  if (stray.length > 0) throw new AppError("invalid", `Not a disk of this VM: ${stray.join(", ")}`);
  if ((await conn.domains.isActive(dom)) && !input.force)
    throw new AppError("conflict", "The VM is running: shut it off first, or force it off");
  /** Deletes the VM; returns its UUID (its grants and group membership go with it). */
  return async (log: TaskRun["log"]): Promise<{ uuid: string }> => {
    if (await conn.domains.isActive(dom)) {
      await conn.domains.destroy(dom);
      log(`Forced ${dom.name} off`);
    }
    await conn.domains.undefine(dom, UNDEFINE_ALL);
    log(`Undefined ${dom.name} (its snapshots and NVRAM too)`);
    // Gone first: lib/storage refuses to delete a volume an inventory VM still uses.
    await markGone(hostId, await presentUuids(conn));
    const failed = await deleteVolumes(conn, hostId, input.volumes, log);
    // Deleted through Virtdeck, so not lost: the row leaves the inventory ("gone" is for VMs that
    // disappeared outside it).
    await forgetVm(input.id);
    if (failed.length > 0)
      throw new AppError(
        "upstream",
        `The VM is deleted, but not all volumes: ${failed.join("; ")}`,
      );
    return { uuid: dom.uuid };
  };
}
