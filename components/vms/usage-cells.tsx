"use client";
import { formatMetric } from "@/components/metrics/format-metric";
import { Sparkline } from "@/components/metrics/sparkline";
import { formatKiB } from "@/lib/format";
import type { VmListItem } from "@/lib/inventory/summaries";
import type { UsageNow } from "@/lib/queries/metrics";

/** Disk and network throughput need a wide window: below 1536 px the row would not fit. */
export const WIDE_ONLY = "hidden 2xl:table-cell";

const DIM = "text-xs text-zinc-600 dark:text-zinc-400";

/** A row's CPU (with its recent trail), memory, disk and network usage of now. */
export function UsageCells({
  vm,
  now,
}: {
  vm: VmListItem;
  now: UsageNow["vms"][string] | undefined;
}) {
  const s = now?.sample;
  const cpus = `${vm.vcpus} vCPU${vm.vcpus === 1 ? "" : "s"}`;
  return (
    <>
      <td
        className="px-3 py-2 whitespace-nowrap"
        data-testid="vm-cpu"
        data-at={now?.at}
        title={cpus}
      >
        {s ? (
          <span className="flex items-center gap-2">
            <Sparkline values={now.cpuTrail} label={`${vm.name}'s CPU, last two minutes`} />
            <span className="tabular-nums" data-testid="vm-cpu-value">
              {formatMetric(s.cpu, "percent")}
            </span>
          </span>
        ) : (
          <span className={DIM}>{cpus}</span>
        )}
      </td>
      <td className="px-3 py-2 whitespace-nowrap tabular-nums">
        {s?.memUsed != null ? `${formatMetric(s.memUsed, "bytes")} / ` : ""}
        {formatKiB(vm.maxMemoryKiB)}
      </td>
      <td
        className={`px-3 py-2 whitespace-nowrap tabular-nums ${WIDE_ONLY}`}
        title={
          s
            ? `read ${formatMetric(s.diskRead, "bytes/s")}, write ${formatMetric(s.diskWrite, "bytes/s")}`
            : undefined
        }
      >
        {s ? formatMetric((s.diskRead ?? 0) + (s.diskWrite ?? 0), "bytes/s") : "—"}
      </td>
      <td
        className={`px-3 py-2 whitespace-nowrap tabular-nums ${WIDE_ONLY}`}
        title={
          s
            ? `in ${formatMetric(s.netRx, "bytes/s")}, out ${formatMetric(s.netTx, "bytes/s")}`
            : undefined
        }
      >
        {s ? formatMetric((s.netRx ?? 0) + (s.netTx ?? 0), "bytes/s") : "—"}
      </td>
    </>
  );
}
