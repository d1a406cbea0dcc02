// Reads the VM inventory from the database (never from the hosts): the list page, the JSON API
// and the live cache all start here.
import { db } from "@/lib/db/client";
import type { VmListQuery } from "@/lib/schemas/vm";
import { filterVms } from "./filter-vms";
import { type HostSummary, toHostSummary, toVmSummary, type VmSummary } from "./summaries";

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
