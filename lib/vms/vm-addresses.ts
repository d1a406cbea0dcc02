// A guest's addresses read again on request: the VM page asks while a running VM has a NIC
// without one (libvirt sends no event for a new DHCP lease), so an address shows as soon as the
// network's lease table has it.
import { readAddresses } from "@/lib/inventory/observe-domain";
import { saveAddresses } from "@/lib/inventory/vm-store";
import { vmOnHost } from "./change-vm";

export async function refreshVmAddresses(vmId: string): Promise<void> {
  const { conn, dom, hostId } = await vmOnHost(vmId);
  await saveAddresses(hostId, dom.uuid, await readAddresses(conn, dom));
}
