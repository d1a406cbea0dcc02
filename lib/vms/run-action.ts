// Runs a lifecycle action on a VM through its host's live connection, records it in the audit
// log whatever the outcome, and refreshes the inventory row at once (events follow anyway).
import { recordAudit } from "@/lib/audit/record";
import type { SessionUser } from "@/lib/auth/session-store";
import { db } from "@/lib/db/client";
import { AppError, toActionError } from "@/lib/errors";
import { connectionManager } from "@/lib/hosts/connection-manager";
import { observeDomain } from "@/lib/inventory/observe-domain";
import { saveObservation } from "@/lib/inventory/vm-store";
import type { Connection, DomainRef } from "@/lib/libvirt";
import type { VmAction } from "@/lib/schemas/vm";

const RUN: Record<VmAction, (conn: Connection, dom: DomainRef) => Promise<unknown>> = {
  start: (c, d) => c.domains.start(d),
  shutdown: (c, d) => c.domains.shutdown(d),
  destroy: (c, d) => c.domains.destroy(d),
  reboot: (c, d) => c.domains.reboot(d),
  reset: (c, d) => c.domains.reset(d),
  suspend: (c, d) => c.domains.suspend(d),
  resume: (c, d) => c.domains.resume(d),
};

/** Finds the VM and its host's connection; refuses at once when the host is not online. */
export async function vmOnHost(
  vmId: string,
): Promise<{ conn: Connection; dom: DomainRef; hostId: string; label: string }> {
  const vm = await db.vm.findUnique({ where: { id: vmId }, include: { host: true } });
  if (!vm) throw new AppError("not_found", "No such VM");
  if (vm.goneAt) throw new AppError("not_found", `${vm.name} is no longer on ${vm.host.name}`);
  const conn = connectionManager().connection(vm.hostId, vm.host.name);
  const dom = await conn.domains.lookupByUuid(vm.uuid);
  return { conn, dom, hostId: vm.hostId, label: `${vm.name} on ${vm.host.name}` };
}

type VmContext = Awaited<ReturnType<typeof vmOnHost>>;

/**
 * The shape of every change to a VM: find it on its live host, change it, refresh its inventory
 * row, and audit the outcome (libvirt's error text included) whether it worked or not.
 */
export async function changeVm(
  user: SessionUser,
  action: string,
  vmId: string,
  change: (vm: VmContext) => Promise<unknown>,
): Promise<void> {
  let target = vmId;
  try {
    const vm = await vmOnHost(vmId);
    target = vm.label;
    await change(vm);
    const fresh = await vm.conn.domains.lookupByUuid(vm.dom.uuid);
    await saveObservation(vm.hostId, await observeDomain(vm.conn, fresh, false));
    await recordAudit({ user, action, target, outcome: "ok" });
  } catch (error) {
    await recordAudit({ user, action, target, outcome: "error", detail: toActionError(error) });
    throw error;
  }
}

export function runVmAction(user: SessionUser, vmId: string, action: VmAction): Promise<void> {
  return changeVm(user, `vm.${action}`, vmId, ({ conn, dom }) => RUN[action](conn, dom));
}

export function setVmAutostart(user: SessionUser, vmId: string, autostart: boolean): Promise<void> {
  return changeVm(user, `vm.autostart.${autostart ? "on" : "off"}`, vmId, ({ conn, dom }) =>
    conn.domains.setAutostart(dom, autostart),
  );
}
