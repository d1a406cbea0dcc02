// Deletes a VM: powers it off first only when asked to, undefines it with its snapshot and
// checkpoint metadata, managed save and NVRAM, then deletes the chosen disk volumes (only
// volumes the VM itself uses) and refreshes their pools so storage pages update.
import "server-only";
import { recordAudit } from "@/lib/audit/record";
import type { SessionUser } from "@/lib/auth/session-store";
import { AppError, isAppError, toActionError } from "@/lib/errors";
import { markGone } from "@/lib/inventory/vm-store";
import { type Connection, DomainListFlags, DomainXmlFlags, UndefineFlags } from "@/lib/libvirt";
import type { DeleteVmInput } from "@/lib/schemas/vm-edit";
import { deleteVolume } from "@/lib/storage/volume-actions";
import { parseDomainXml } from "@/lib/xml/parse-domain";
import { vmOnHost } from "./run-action";

const UNDEFINE_ALL =
  UndefineFlags.MANAGED_SAVE |
  UndefineFlags.SNAPSHOTS_METADATA |
  UndefineFlags.NVRAM |
  UndefineFlags.CHECKPOINTS_METADATA;

async function deleteVolumes(
  user: SessionUser,
  conn: Connection,
  hostId: string,
  paths: string[],
): Promise<string[]> {
  const failed: string[] = [];
  for (const path of paths) {
    try {
      const vol = await conn.storage.lookupVolumeByPath(path);
      await deleteVolume(user, { hostId, pool: vol.pool, volume: vol.name });
    } catch (error) {
      failed.push(`${path}: ${toActionError(error)}`);
    }
  }
  return failed;
}

/** The uuids of the host's domains now: the inventory marks the rest gone. */
async function presentUuids(conn: Connection): Promise<string[]> {
  const doms = await conn.domains.list(DomainListFlags.ACTIVE | DomainListFlags.INACTIVE);
  return doms.map((d) => d.uuid);
}

export async function deleteVm(user: SessionUser, input: DeleteVmInput): Promise<void> {
  let target = input.id;
  try {
    const { conn, dom, hostId, label } = await vmOnHost(input.id);
    target = label;
    const disks = parseDomainXml(await conn.domains.xml(dom, DomainXmlFlags.INACTIVE)).disks;
    const own = new Set(disks.filter((d) => d.device === "disk").map((d) => d.source));
    const stray = input.volumes.filter((p) => !own.has(p));
    if (stray.length > 0)
      throw new AppError("invalid", `Not a disk of this VM: ${stray.join(", ")}`);
    if (await conn.domains.isActive(dom)) {
      if (!input.force)
        throw new AppError("conflict", "The VM is running: shut it off first, or force it off");
      await conn.domains.destroy(dom);
    }
    await conn.domains.undefine(dom, UNDEFINE_ALL);
    // Gone first: lib/storage refuses to delete a volume an inventory VM still uses.
    await markGone(hostId, await presentUuids(conn));
    const failed = await deleteVolumes(user, conn, hostId, input.volumes);
    if (failed.length > 0)
      throw new AppError(
        "upstream",
        `The VM is deleted, but not all volumes: ${failed.join("; ")}`,
      );
    const detail = input.volumes.length ? `volumes: ${input.volumes.join(", ")}` : undefined;
    await recordAudit({ user, action: "vm.delete", target, outcome: "ok", detail });
  } catch (error) {
    const refused = isAppError(error) && (error.code === "invalid" || error.code === "conflict");
    const outcome = refused ? "refused" : "error";
    await recordAudit({ user, action: "vm.delete", target, outcome, detail: toActionError(error) });
    throw error;
  }
}
