// Reads the VM inventory from the database (never from the hosts): the list page, the JSON API
// and the live cache all start here.
import { db } from "@/lib/db/client";
import type { VmListQuery } from "@/lib/schemas/vm";
import { type HostSummary, toHostSummary, toVmSummary, type VmSummary } from "./summaries";

/** True when the VM matches the search text: name, UUID, IP, MAC or tag. */
export function matchesSearch(vm: VmSummary, q: string): boolean {
  const needle = q.toLowerCase();
  return (
    vm.name.toLowerCase().includes(needle) ||
    vm.uuid.toLowerCase().startsWith(needle) ||
    vm.tags.some((t) => t.toLowerCase().includes(needle)) ||
    vm.nics.some((n) => n.mac.includes(needle) || n.ips.some((ip) => ip.startsWith(needle)))
  );
}

export function filterVms(vms: VmSummary[], query: VmListQuery): VmSummary[] {
  return vms.filter(
    (vm) =>
      (!query.q || matchesSearch(vm, query.q)) &&
      (!query.host || vm.hostId === query.host || vm.hostName === query.host) &&
      (!query.state || vm.state === query.state) &&
      (!query.tag || vm.tags.includes(query.tag)),
  );
}

export async function listVms(query: VmListQuery = {}): Promise<VmSummary[]> {
  const rows = await db.vm.findMany({
    include: { host: { select: { name: true } } },
    orderBy: { name: "asc" },
  });
  return filterVms(rows.map(toVmSummary), query);
}

export async function getVm(id: string): Promise<VmSummary | null> {
  const row = await db.vm.findUnique({
    where: { id },
    include: { host: { select: { name: true } } },
  });
  return row ? toVmSummary(row) : null;
}

export async function listHostSummaries(): Promise<HostSummary[]> {
  return (await db.host.findMany({ orderBy: { name: "asc" } })).map(toHostSummary);
}
