// Clones a shut-off VM: a full copy of each of its disk volumes into the same pool, then the
// same domain XML under the new name with no UUID and no MACs, so libvirt makes fresh ones.
// Each copy's progress goes to the browser that asked (input.jobId) over /ws/events.
import "server-only";
import type { SessionUser } from "@/lib/auth/session-store";
import { AppError } from "@/lib/errors";
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
import { vmOnHost } from "./change-vm";

function cloneVolumeName(volName: string, from: string, to: string): string {
  return volName.includes(from) ? volName.replace(from, to) : `${to}-${volName}`;
}

/** Copies one disk's volume next to it through lib/storage (space check, audit, pool update). */
async function copyDisk(
  ctx: { conn: Connection; hostId: string },
  path: string,
  names: { from: string; to: string },
  onProgress: (label: string, p: CopyProgress) => void,
): Promise<{ path: string; ref: VolumeRefInput }> {
  const source = await ctx.conn.storage.lookupVolumeByPath(path);
  const name = cloneVolumeName(source.name, names.from, names.to);
  const ref = { hostId: ctx.hostId, pool: source.pool, volume: source.name };
  const label = `${source.pool}/${source.name} → ${name}`;
  const copy = await cloneVolume(ref, name, (p) => onProgress(label, p));
  return { path: copy.path, ref: { ...ref, volume: copy.name } };
}

async function refuseExisting(conn: Connection, name: string): Promise<void> {
  const doms = await conn.domains.list(DomainListFlags.ACTIVE | DomainListFlags.INACTIVE);
  if (doms.some((d) => d.name === name))
    throw new AppError("conflict", `A VM named ${name} already exists on this host`);
}

/** Clones the VM; `user` is whose tabs get the disk copies' progress (input.jobId). */
export async function cloneVm(user: SessionUser, input: CloneVmInput): Promise<{ id: string }> {
  const copies: VolumeRefInput[] = [];
  try {
    const vm = await vmOnHost(input.id);
    const conn = vm.conn;
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
      const copy = await copyDisk({ conn, hostId: vm.hostId }, file, names, progress(step));
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
    return { id: await saveObservation(vm.hostId, await observeDomain(conn, dom, false)) };
  } catch (error) {
    for (const ref of copies) await deleteVolume(ref).catch(() => undefined);
    throw error;
  }
}

/** The pools of the VM's file-backed disks, read live (a clone and a delete need space rights there). */
export async function diskPools(vmId: string): Promise<{ path: string; pool: string }[]> {
  const { conn, dom } = await vmOnHost(vmId);
  const doc = parseXml(await conn.domains.xml(dom, DomainXmlFlags.INACTIVE));
  const files = (children(child(child(doc, "domain"), "devices"), "disk") as XmlNode[])
    .filter((d) => attr(d, "device") === "disk")
    .map((d) => attr(child(d, "source"), "file"))
    .filter((f): f is string => Boolean(f));
  const pools = await Promise.all(
    files.map(async (path) => {
      const vol = await conn.storage.lookupVolumeByPath(path).catch(() => null);
      return vol ? [{ path, pool: vol.pool }] : [];
    }),
  );
  return pools.flat();
}
