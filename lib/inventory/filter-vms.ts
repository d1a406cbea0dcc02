// Pure filtering shared by the server (API, first render) and the browser (live list).
import type { VmListQuery } from "@/lib/schemas/vm";
import type { VmListItem } from "./summaries";

/** True when the VM matches the search text: name, UUID, IP, MAC or tag. */
export function matchesSearch(vm: VmListItem, q: string): boolean {
  const needle = q.toLowerCase();
  return (
    vm.name.toLowerCase().includes(needle) ||
    vm.uuid.toLowerCase().startsWith(needle) ||
    vm.tags.some((t) => t.toLowerCase().includes(needle)) ||
    vm.nics.some((n) => n.mac.includes(needle) || n.ips.some((ip) => ip.startsWith(needle)))
  );
}

export function filterVms<T extends VmListItem>(vms: T[], query: VmListQuery): T[] {
  return vms.filter(
    (vm) =>
      (!query.q || matchesSearch(vm, query.q)) &&
      (!query.host || vm.hostId === query.host || vm.hostName === query.host) &&
      (!query.state || vm.state === query.state) &&
      (!query.tag || vm.tags.includes(query.tag)),
  );
}
