// Reads the VM inventory from the database (never from the hosts): the list page, the JSON API
// and the live cache all start here. Lists take the caller's visibility: a VM the caller may
// not see is never read out, counted or searched.
import { db } from "@/lib/db/client";
import type { VmListQuery } from "@/lib/schemas/vm";
import { filterVms } from "./filter-vms";
import {
  type HostSummary,
  toHostSummary,
  toVmSummary,
  type VmEventRow,
  type VmSummary,
} from "./summaries";

export type VmVisibility = (vm: { hostId: string; uuid: string }) => boolean;

export async function listVms(
  visible: VmVisibility,
  query: VmListQuery = {},
): Promise<VmSummary[]> {
  const rows = await db.vm.findMany({
    include: { host: { select: { name: true } } },
    orderBy: { name: "asc" },
  });
  return filterVms(rows.filter(visible).map(toVmSummary), query);
}

export async function getVm(id: string): Promise<VmSummary | null> {
  const row = await db.vm.findUnique({
    where: { id },
    include: { host: { select: { name: true } } },
  });
  return row ? toVmSummary(row) : null;
}

/** The VM's recent events (lifecycle, reboots, devices), newest first. */
export async function listVmEvents(vmId: string, take = 20): Promise<VmEventRow[]> {
  const events = await db.vmEvent.findMany({ where: { vmId }, orderBy: { at: "desc" }, take });
  return events.map((e) => ({
    id: e.id,
    at: e.at.toISOString(),
    kind: e.kind,
    message: e.message,
  }));
}

export async function listHostSummaries(
  visible: (hostId: string) => boolean,
): Promise<HostSummary[]> {
  const hosts = await db.host.findMany({ orderBy: { name: "asc" } });
  return hosts.filter((h) => visible(h.id)).map(toHostSummary);
}
