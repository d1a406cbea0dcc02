// Lifecycle actions and autostart, through the VM's host's live connection.
import type { Connection, DomainRef } from "@/lib/libvirt";
import type { VmAction } from "@/lib/schemas/vm";
import { changeVm } from "./change-vm";

const RUN: Record<VmAction, (conn: Connection, dom: DomainRef) => Promise<unknown>> = {
  start: (c, d) => c.domains.start(d),
  shutdown: (c, d) => c.domains.shutdown(d),
  destroy: (c, d) => c.domains.destroy(d),
  reboot: (c, d) => c.domains.reboot(d),
  reset: (c, d) => c.domains.reset(d),
  suspend: (c, d) => c.domains.suspend(d),
  resume: (c, d) => c.domains.resume(d),
};

export async function powerVm(vmId: string, action: VmAction): Promise<void> {
  await changeVm(vmId, ({ conn, dom }) => RUN[action](conn, dom));
}

export async function setVmAutostart(vmId: string, autostart: boolean): Promise<void> {
  await changeVm(vmId, ({ conn, dom }) => conn.domains.setAutostart(dom, autostart));
}
