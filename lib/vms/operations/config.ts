// Changes to an existing VM's configuration, each needing the privilege of what it changes.
import { type Need, operation } from "@/lib/access/operation";
import type { Privilege } from "@/lib/access/privileges";
import { pool as poolTarget, type ResolvedTarget, root } from "@/lib/access/targets";
import { db } from "@/lib/db/client";
import { vmIdSchema } from "@/lib/schemas/vm";
import {
  attachDiskSchema,
  bootOrderSchema,
  detachDiskSchema,
  vmCdromSchema,
  vmDescriptionSchema,
  vmRenameSchema,
  vmResourcesSchema,
  vmXmlSchema,
} from "@/lib/schemas/vm-edit";
import { requireAllowedPaths } from "@/lib/storage/allowed-paths";
import { poolTargetPaths } from "@/lib/storage/read-storage";
import { vmOnHost } from "@/lib/vms/change-vm";
import {
  readVmXml,
  renameVm,
  saveVmXml,
  setCdromMedia,
  setVmDescription,
  setVmResources,
} from "@/lib/vms/edit-vm";
import { hostReach } from "@/lib/vms/host-reach";
import { attachDisk, detachDisk, setBootOrder } from "@/lib/vms/vm-disks";
import { domainXmlDiff } from "@/lib/vms/xml-diff";
import { hostOf, onVm } from "./shared";

/** vCPUs need VM.Config.CPU and memory VM.Config.Memory, each only when it changes. */
async function resourcePrivileges(input: {
  id: string;
  vcpus: number;
  memoryMib: number;
}): Promise<Privilege[]> {
  const row = await db.vm.findUnique({
    where: { id: input.id },
    select: { vcpus: true, maxMemoryKiB: true },
  });
  const needs: Privilege[] = [];
  if (!row || row.vcpus !== input.vcpus) needs.push("VM.Config.CPU");
  if (!row || Math.round(row.maxMemoryKiB / 1024) !== input.memoryMib)
    needs.push("VM.Config.Memory");
  return needs;
}

export const vmResourcesOp = operation({
  name: "vm.resources",
  summary: "Sets vCPUs and memory: in the config always, live where the running VM allows it",
  input: vmResourcesSchema,
  access: {
    privilege: resourcePrivileges,
    describe: "VM.Config.CPU (vCPUs) and/or VM.Config.Memory (memory), for what changes",
    ...onVm,
  },
  audit: true,
  run: async (input, { audit }) => {
    audit.detail = `vcpus ${input.vcpus}, memory ${input.memoryMib} MiB`;
    return setVmResources(input);
  },
});

export const vmDescriptionOp = operation({
  name: "vm.description",
  summary: "Sets the VM's title and description (libvirt metadata)",
  input: vmDescriptionSchema,
  access: { privilege: "VM.Config.Options", ...onVm },
  audit: true,
  run: async (input) => {
    await setVmDescription(input);
    return { id: input.id };
  },
});

export const renameVmOp = operation({
  name: "vm.rename",
  summary: "Renames a shut-off VM; its UUID, grants, tags and notes stay",
  input: vmRenameSchema,
  access: { privilege: "VM.Config.Options", ...onVm },
  audit: true,
  run: async (input, { audit }) => {
    audit.detail = `to ${input.name}`;
    await renameVm(input);
    return { id: input.id, name: input.name };
  },
});

export const vmCdromOp = operation({
  name: "vm.cdrom",
  summary:
    "Inserts a medium into a CD-ROM drive (a path in the host's pools or an allowed root; elsewhere it needs Sys.Modify on /), or ejects it (an empty path)",
  input: vmCdromSchema,
  access: { privilege: "VM.Config.CDROM", ...onVm },
  audit: true,
  auditAction: (input) => (input.path ? "vm.cdrom.insert" : "vm.cdrom.eject"),
  run: async (input, { audit, access, target }) => {
    if (input.path) audit.detail = `${input.target}: ${input.path}`;
    await requireAllowedPaths(access, hostOf(target), { path: input.path });
    await setCdromMedia(input);
    return { id: input.id };
  },
});

export const readVmXmlOp = operation({
  name: "vm.xml.read",
  summary: "The persistent domain XML with its secure parts (VNC passwords), for the editor",
  input: vmIdSchema,
  access: { privilege: "VM.Config.XML", ...onVm },
  // It hands out secrets (VNC passwords): who read them is recorded.
  audit: true,
  run: async ({ id }) => ({ xml: await readVmXml(id) }),
});

export const liveVmXmlOp = operation({
  name: "vm.xml.live",
  summary: "The live domain XML (secure fields such as VNC passwords left out)",
  input: vmIdSchema,
  access: { privilege: "VM.Audit", ...onVm },
  audit: false,
  run: async ({ id }) => {
    const { conn, dom } = await vmOnHost(id);
    return { xml: await conn.domains.xml(dom, 0) };
  },
});

/**
 * XML that reaches into the host (QEMU arguments, host devices, confinement off, block devices,
 * files outside the host's pools) is root on the host: it needs Sys.Modify on / as well.
 */
async function hostReachNeeds(input: { xml: string }, target: ResolvedTarget): Promise<Need[]> {
  const reasons = hostReach(input.xml, await poolTargetPaths(hostOf(target)));
  return reasons.length > 0
    ? [{ privilege: "Sys.Modify", on: root, because: reasons.join("; ") }]
    : [];
}

export const saveVmXmlOp = operation({
  name: "vm.xml",
  summary:
    "Saves edited domain XML (checked by libvirt; must keep the name and UUID); XML that reaches into the host needs Sys.Modify on / too",
  input: vmXmlSchema,
  access: { privilege: "VM.Config.XML", ...onVm, also: hostReachNeeds },
  audit: true,
  run: async (input, { audit }) => {
    // Before saving, so that a save libvirt refuses is audited with what it tried to change.
    audit.detail = domainXmlDiff(await readVmXml(input.id), input.xml);
    await saveVmXml(input);
    return { id: input.id };
  },
});

export const attachDiskOp = operation({
  name: "vm.disk.attach",
  summary: "Attaches a new volume (made in a pool) or an existing one; live too when running",
  input: attachDiskSchema,
  access: {
    privilege: "VM.Config.Disk",
    ...onVm,
    also: (input, target) =>
      input.source.mode === "new" && target.object.kind === "vm"
        ? [
            {
              privilege: "Datastore.AllocateSpace",
              on: poolTarget(target.object.hostId, input.source.pool),
            },
          ]
        : [],
  },
  audit: true,
  run: async (input, { audit, access, target }) => {
    if (input.source.mode === "existing")
      await requireAllowedPaths(access, hostOf(target), { "source.path": input.source.path });
    const dev = await attachDisk(input);
    audit.detail = dev;
    return { target: dev };
  },
});

export const detachDiskOp = operation({
  name: "vm.disk.detach",
  summary: "Detaches a disk (its volume stays in its pool)",
  input: detachDiskSchema,
  access: { privilege: "VM.Config.Disk", ...onVm },
  audit: true,
  run: async (input, { audit }) => {
    audit.detail = input.target;
    await detachDisk(input);
    return { target: input.target };
  },
});

export const bootOrderOp = operation({
  name: "vm.boot-order",
  summary: "Sets the boot order (applies at the next boot)",
  input: bootOrderSchema,
  access: { privilege: "VM.Config.Disk", ...onVm },
  audit: true,
  run: async (input, { audit }) => {
    audit.detail = input.order.join(", ");
    await setBootOrder(input);
    return { order: input.order };
  },
});
