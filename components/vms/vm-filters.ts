import type { VmListItem } from "@/lib/inventory/summaries";

export type SortKey = "name" | "host" | "state" | "vcpus" | "memory";

export interface VmFilterState {
  q: string;
  host: string;
  state: string;
  tag: string;
  sort: SortKey;
  desc: boolean;
}

export const INITIAL_FILTERS: VmFilterState = {
  q: "",
  host: "",
  state: "",
  tag: "",
  sort: "name",
  desc: false,
};

// One collator for every comparison: localeCompare with options builds one per call (115 ms for
// 1,000 names against 3 ms).
const byName = new Intl.Collator(undefined, { numeric: true }).compare;
const byText = new Intl.Collator().compare;

const COMPARE: Record<SortKey, (a: VmListItem, b: VmListItem) => number> = {
  name: (a, b) => byName(a.name, b.name),
  host: (a, b) => byText(a.hostName, b.hostName) || byName(a.name, b.name),
  state: (a, b) => byText(a.state, b.state) || byName(a.name, b.name),
  vcpus: (a, b) => a.vcpus - b.vcpus,
  memory: (a, b) => a.memoryKiB - b.memoryKiB,
};

export function sortVms(vms: VmListItem[], key: SortKey, desc: boolean): VmListItem[] {
  const sorted = vms.slice().sort(COMPARE[key]);
  return desc ? sorted.reverse() : sorted;
}

export function allTags(vms: VmListItem[]): string[] {
  return [...new Set(vms.flatMap((v) => v.tags))].sort();
}

export function countByState(vms: VmListItem[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const vm of vms) counts.set(vm.state, (counts.get(vm.state) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1]);
}
