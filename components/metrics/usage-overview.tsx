"use client";
// The overview's usage at a glance: the VMs using the most CPU across every host, and the hosts
// with the most free memory (where a new VM fits best).
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { LINK } from "@/components/ui/link-style";
import type { HostSummary } from "@/lib/inventory/summaries";
import { useUsageNow } from "@/lib/queries/metrics";
import { formatMetric } from "./format-metric";
import { Sparkline } from "./sparkline";

const TOP = 5;

export function UsageOverview({ hosts }: { hosts: HostSummary[] }) {
  const { data: usage } = useUsageNow();
  if (!usage) return null;
  const hostName = new Map(hosts.map((h) => [h.id, h.name]));
  const top = Object.entries(usage.vms)
    .filter(([, v]) => v.sample.cpu !== null)
    .sort(([, a], [, b]) => (b.sample.cpu ?? 0) - (a.sample.cpu ?? 0))
    .slice(0, TOP);
  const byFree = Object.entries(usage.hosts)
    .filter(([, h]) => h.sample.memTotal !== null && h.sample.memUsed !== null)
    .map(([id, h]) => ({ id, free: (h.sample.memTotal ?? 0) - (h.sample.memUsed ?? 0), h }))
    .sort((a, b) => b.free - a.free);
  return (
    <div className="mt-6 grid gap-4 lg:grid-cols-2">
      <Card title="Top CPU consumers">
        {top.length === 0 ? (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">No VM is running.</p>
        ) : (
          <ol className="flex flex-col gap-1 text-sm" data-testid="top-consumers">
            {top.map(([uuid, v]) => (
              <li key={uuid} className="flex items-center gap-3">
                {v.id ? (
                  <Link href={`/vms/${v.id}/metrics`} className={`min-w-0 flex-1 truncate ${LINK}`}>
                    {v.name}
                  </Link>
                ) : (
                  <span className="min-w-0 flex-1 truncate">{v.name}</span>
                )}
                <span className="text-xs text-zinc-600 dark:text-zinc-400">
                  {hostName.get(v.hostId) ?? ""}
                </span>
                <Sparkline values={v.cpuTrail} label={`${v.name}'s CPU, last two minutes`} />
                <span className="w-14 text-right tabular-nums">
                  {formatMetric(v.sample.cpu, "percent")}
                </span>
                <span className="w-20 text-right tabular-nums text-zinc-600 dark:text-zinc-400">
                  {formatMetric(v.sample.memUsed, "bytes")}
                </span>
              </li>
            ))}
          </ol>
        )}
      </Card>
      <Card title="Hosts by free memory">
        {byFree.length === 0 ? (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">No host is online.</p>
        ) : (
          <ol className="flex flex-col gap-1 text-sm" data-testid="hosts-by-free-memory">
            {byFree.map(({ id, free, h }) => (
              <li key={id} className="flex items-center gap-3">
                <Link href={`/hosts/${id}`} className={`min-w-0 flex-1 truncate ${LINK}`}>
                  {hostName.get(id) ?? id}
                </Link>
                <span className="tabular-nums">{formatMetric(free, "bytes")} free</span>
                <span className="w-32 text-right text-xs tabular-nums text-zinc-600 dark:text-zinc-400">
                  of {formatMetric(h.sample.memTotal, "bytes")}, CPU{" "}
                  {formatMetric(h.sample.cpu, "percent")}
                </span>
              </li>
            ))}
          </ol>
        )}
      </Card>
    </div>
  );
}
