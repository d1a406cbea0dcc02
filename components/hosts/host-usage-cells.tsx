"use client";
import { formatMetric } from "@/components/metrics/format-metric";
import type { UsageNow } from "@/lib/queries/metrics";

/** A host's CPU, memory, running VMs and pool space of now ("—" while none is known). */
export function HostUsageCells({ now }: { now: UsageNow["hosts"][string] | undefined }) {
  const s = now?.sample;
  const used = now?.pools.reduce((sum, p) => sum + p.used, 0) ?? 0;
  const capacity = now?.pools.reduce((sum, p) => sum + p.capacity, 0) ?? 0;
  const cell = "py-2 pr-3 whitespace-nowrap tabular-nums";
  return (
    <>
      <td className={cell} data-testid="host-cpu">
        {formatMetric(s?.cpu, "percent")}
      </td>
      <td className={cell}>
        {s?.memUsed != null && s.memTotal != null
          ? `${formatMetric(s.memUsed, "bytes")} of ${formatMetric(s.memTotal, "bytes")}`
          : "—"}
      </td>
      <td className={cell}>{formatMetric(s?.vmsRunning, "count")}</td>
      <td
        className={cell}
        title={now?.pools
          .map(
            (p) =>
              `${p.name}: ${formatMetric(p.used, "bytes")} of ${formatMetric(p.capacity, "bytes")}`,
          )
          .join("\n")}
      >
        {capacity > 0
          ? `${formatMetric(used, "bytes")} of ${formatMetric(capacity, "bytes")} in ${now?.pools.length} pool${now?.pools.length === 1 ? "" : "s"}`
          : "—"}
      </td>
    </>
  );
}
