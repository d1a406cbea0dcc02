"use client";
import { MetricsPanel, VM_GRAPHS } from "@/components/metrics/metrics-panel";
import type { VmSummary } from "@/lib/inventory/summaries";
import { useVm } from "@/lib/queries/vms";

/** The VM's graphs; its history is by UUID, so it goes on across a migration. */
export function VmMetrics({ initial }: { initial: VmSummary }) {
  const { data: vm } = useVm(initial);
  return (
    <div className="flex flex-col gap-3">
      {vm.state !== "running" ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          {vm.name} is {vm.state}: nothing is collected until it runs again (the graphs show the
          gap).
        </p>
      ) : null}
      <MetricsPanel kind="vm" seriesId={vm.uuid} apiId={vm.id} graphs={VM_GRAPHS} />
    </div>
  );
}
