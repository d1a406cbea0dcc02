// Clones a shut-off VM: a full copy of each of its disk volumes into the same pool, then the
// same domain XML under the new name with no UUID and no MACs, so libvirt makes fresh ones.
// Each copy's progress goes to the browser that asked (input.jobId) over /ws/events.
import "server-only";
import { recordAudit } from "@/lib/audit/record";
import type { SessionUser } from "@/lib/auth/session-store";
import { AppError, isAppError, toActionError } from "@/lib/errors";
import { observeDomain } from "@/lib/inventory/observe-domain";
import { saveObservation } from "@/lib/inventory/vm-store";
import { type Connection, DomainListFlags, DomainXmlFlags } from "@/lib/libvirt";
import { progressReporter } from "@/lib/live/progress";
import type { VolumeRefInput } from "@/lib/schemas/storage";
import type { CloneVmInput } from "@/lib/schemas/vm-edit";
import type { CopyProgress } from "@/lib/storage/copy-progress";
import { cloneVolume, deleteVolume } from "@/lib/storage/volume-actions";
import { buildXml } from "@/lib/xml/build-network";
import { attr, child, children, parseXml, type XmlNode } from "@/lib/xml/parse";
import { vmOnHost } from "./run-action";

function cloneVolumeName(volName: string, from: string, to: string): string {
  return volName.includes(from) ? volName.replace(from, to) : `${to}-${volName}`;
}

/** Copies one disk's volume next to it through lib/storage (space check, audit, pool update). */
async function copyDisk(
  user: SessionUser,
  ctx: { conn: Connection; hostId: string },
  path: string,
  names: { from: string; to: string },
  onProgress: (label: string, p: CopyProgress) => void,
): Promise<{ path: string; ref: VolumeRefInput }> {
  const source = await ctx.conn.storage.lookupVolumeByPath(path);
  const name = cloneVolumeName(source.name, names.from, names.to);
  const ref = { hostId: ctx.hostId, pool: source.pool, volume: source.name };
  const label = `${source.pool}/${source.name} → ${name}`;
  const copy = await cloneVolume(user, ref, name, (p) => onProgress(label, p));
  return { path: copy.path, ref: { ...ref, volume: copy.name } };
}

async function refuseExisting(conn: Connection, name: string): Promise<void> {
  const doms = await conn.domains.list(DomainListFlags.ACTIVE | DomainListFlags.INACTIVE);
  if (doms.some((d) => d.name === name))
    throw new AppError("conflict", `A VM named ${name} already exists on this host`);
}

export async function cloneVm(user: SessionUser, input: CloneVmInput): Promise<{ id: string }> {
  let target = input.id;
  const copies: VolumeRefInput[] = [];
  try {
    const vm = await vmOnHost(input.id);
    const conn = vm.conn;
    target = `${vm.label} as ${input.name}`;
    if (await conn.domains.isActive(vm.dom))
      throw new AppError(
        "conflict",
        "Shut the VM off before cloning it (its disks must not change during the copy)",
      );
    await refuseExisting(conn, input.name);
    const doc = parseXml(
      await conn.domains.xml(vm.dom, DomainXmlFlags.INACTIVE | DomainXmlFlags.SECURE),
    );
    const domain = child(doc, "domain");
    domain.name = input.name;
    delete domain.uuid;
    // UEFI variables: libvirt makes a fresh NVRAM file for the new name from the template.
    delete child(domain, "os").nvram;
    const devices = child(domain, "devices");
    for (const nic of children(devices, "interface")) delete nic.mac;
    const disks = (children(devices, "disk") as XmlNode[]).filter(
      (d) => attr(d, "device") === "disk" && attr(child(d, "source"), "file"),
    );
    const progress = progressReporter(user, input.jobId, disks.length);
    for (const [step, disk] of disks.entries()) {
      const source = child(disk, "source");
      const names = { from: vm.dom.name, to: input.name };
      const file = attr(source, "file") ?? "";
      const copy = await copyDisk(user, { conn, hostId: vm.hostId }, file, names, progress(step));
      copies.push(copy.ref);
      source["@file"] = copy.path;
    }
    const dom = await conn.domains.define(buildXml(doc));
    try {
      if (input.start) await conn.domains.start(dom);
    } catch (error) {
      await conn.domains.undefine(dom).catch(() => undefined);
      throw error;
    }
    const id = await saveObservation(vm.hostId, await observeDomain(conn, dom, false));
    await recordAudit({ user, action: "vm.clone", target, outcome: "ok" });
    return { id };
  } catch (error) {
    for (const ref of copies) await deleteVolume(user, ref).catch(() => undefined);
    const refused = isAppError(error) && (error.code === "invalid" || error.code === "conflict");
    const outcome = refused ? "refused" : "error";
    await recordAudit({ user, action: "vm.clone", target, outcome, detail: toActionError(error) });
    throw error;
  }
}
