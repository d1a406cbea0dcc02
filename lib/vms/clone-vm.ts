// Clones a shut-off VM: a full copy of each of its disk volumes into the same pool, then the
// same domain XML under the new name with no UUID and no MACs, so libvirt makes fresh ones.
// It runs as a task: the copies' bytes are its progress; a cancel stops after the copy under
// way (libvirt's volume copy cannot be interrupted) and deletes what was copied.
import { requireNotInMaintenance } from "@/lib/hosts/store";
import "server-only";
import { AppError } from "@/lib/errors";
import { observeDomain } from "@/lib/inventory/observe-domain";
import { saveObservation } from "@/lib/inventory/vm-store";
import { type Connection, DomainListFlags, DomainXmlFlags } from "@/lib/libvirt";
import type { VolumeRefInput } from "@/lib/schemas/storage";
import type { CloneVmInput } from "@/lib/schemas/vm-edit";
import { deleteVolume, planVolumeCopy } from "@/lib/storage/volume-actions";
import type { TaskRun } from "@/lib/tasks/run-task";
import { buildXml } from "@/lib/xml/build-network";
import { attr, child, children, parseXml, type XmlNode } from "@/lib/xml/parse";
import { vmOnHost } from "./change-vm";

function cloneVolumeName(volName: string, from: string, to: string): string {
  return volName.includes(from) ? volName.replace(from, to) : `${to}-${volName}`;
}

async function refuseExisting(conn: Connection, name: string): Promise<void> {
  const doms = await conn.domains.list(DomainListFlags.ACTIVE | DomainListFlags.INACTIVE);
  if (doms.some((d) => d.name === name))
    throw new AppError("conflict", `A VM named ${name} already exists on this host`);
}

/** A clone checked before its task starts: the copies to make and the XML to define. */
export interface ClonePlan {
  run(task: TaskRun): Promise<{ id: string }>;
  /** Bytes the copies write in all. */
  bytes: number;
}

/**
 * Checks a clone of a shut-off VM (not running, name free, room for each copy) and returns the
 * work: each disk copied next to it through lib/storage, then the new domain defined.
 */
export async function planClone(input: CloneVmInput): Promise<ClonePlan> {
  const vm = await vmOnHost(input.id);
  await requireNotInMaintenance(vm.hostId, "clone a VM");
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
  const copies = await Promise.all(
    disks.map(async (disk) => {
      const source = await conn.storage.lookupVolumeByPath(
        attr(child(disk, "source"), "file") ?? "",
      );
      const ref = { hostId: vm.hostId, pool: source.pool, volume: source.name };
      const name = cloneVolumeName(source.name, vm.dom.name, input.name);
      return { disk, ref, copy: await planVolumeCopy(ref, name) };
    }),
  );
  const bytes = copies.reduce((sum, c) => sum + c.copy.bytes, 0);
  return {
    bytes,
    async run(task) {
      const made: VolumeRefInput[] = [];
      try {
        let before = 0;
        for (const [i, { disk, ref, copy }] of copies.entries()) {
          task.stopIfCancelled();
          const phase = `Disk ${i + 1} of ${copies.length}: ${copy.label}`;
          task.log(`Copying ${copy.label}`);
          task.progress({ phase, done: before, total: bytes, unit: "bytes" });
          const out = await copy.run((p) => task.progress({ done: before + p.done }));
          made.push({ ...ref, volume: out.name });
          child(disk, "source")["@file"] = out.path;
          before += copy.bytes;
        }
        task.stopIfCancelled();
        task.progress({ phase: "Defining the clone" });
        const dom = await conn.domains.define(buildXml(doc));
        try {
          if (input.start) await conn.domains.start(dom);
        } catch (error) {
          await conn.domains.undefine(dom).catch(() => undefined);
          throw error;
        }
        task.log(`Defined ${input.name}${input.start ? " and started it" : ""}`);
        return { id: await saveObservation(vm.hostId, await observeDomain(conn, dom, false)) };
      } catch (error) {
        for (const ref of made) {
          await deleteVolume(ref).then(
            () => task.log(`Deleted the copy ${ref.pool}/${ref.volume}`, "warn"),
            () => task.log(`Could not delete the copy ${ref.pool}/${ref.volume}`, "error"),
          );
        }
        throw error;
      }
    },
  };
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
