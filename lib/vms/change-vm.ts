// The shape of every change to a VM: find it on its host's live connection, change it, and
// refresh its inventory row at once (libvirt's events follow anyway). Permission and audit are
// the operation wrapper's (lib/access/invoke.ts).
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { connectionManager } from "@/lib/hosts/connection-manager";
import { observeDomain } from "@/lib/inventory/observe-domain";
import { saveObservation } from "@/lib/inventory/vm-store";
import type { Connection, DomainRef } from "@/lib/libvirt";

export interface VmOnHost {
  conn: Connection;
  dom: DomainRef;
  hostId: string;
  label: string;
}

/** Finds the VM and its host's connection; refuses at once when the host is not online. */
export async function vmOnHost(vmId: string): Promise<VmOnHost> {
  const vm = await db.vm.findUnique({ where: { id: vmId }, include: { host: true } });
  if (!vm) throw new AppError("not_found", "No such VM");
  if (vm.goneAt) throw new AppError("not_found", `${vm.name} is no longer on ${vm.host.name}`);
  const conn = connectionManager().connection(vm.hostId, vm.host.name);
  const dom = await conn.domains.lookupByUuid(vm.uuid);
  return { conn, dom, hostId: vm.hostId, label: `${vm.name} on ${vm.host.name}` };
}

export async function changeVm<T>(vmId: string, change: (vm: VmOnHost) => Promise<T>): Promise<T> {
  const vm = await vmOnHost(vmId);
  const result = await change(vm);
  const fresh = await vm.conn.domains.lookupByUuid(vm.dom.uuid);
  // With the XML: a change to the definition of a running VM is pending until it restarts.
  await saveObservation(vm.hostId, await observeDomain(vm.conn, fresh, true));
  return result;
}
