"use client";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { LINK } from "@/components/ui/link-style";
import type { HostSummary } from "@/lib/inventory/summaries";
import { useHostList } from "@/lib/queries/hosts";
import { HostStatusBadge } from "./host-status-badge";

/** One card per host: its live status and its VMs counted by state (from the database). */
export function HostsOverview({
  hosts: initial,
  vmCounts,
}: {
  hosts: HostSummary[];
  vmCounts: Record<string, Record<string, number>>;
}) {
  const { data: hosts } = useHostList(initial);
  return (
    <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
      {hosts.map((host) => {
        const counts = Object.entries(vmCounts[host.id] ?? {});
        return (
          <Card
            key={host.id}
            title={host.name}
            actions={<HostStatusBadge status={host.status} error={host.lastError} />}
          >
            <div data-testid="overview-host" className="flex flex-col gap-2 text-sm">
              {host.lastError && host.status !== "online" ? (
                <p className="text-red-700 dark:text-red-300">{host.lastError}</p>
              ) : null}
              {counts.length === 0 ? (
                <p className="text-zinc-500">No VMs seen.</p>
              ) : (
                <ul>
                  {counts.map(([state, n]) => (
                    <li key={state} className="flex justify-between">
                      <span>{state}</span>
                      <span className="font-medium">{n}</span>
                    </li>
                  ))}
                </ul>
              )}
              <Link href={`/hosts/${host.id}`} className={LINK}>
                Host details
              </Link>
            </div>
          </Card>
        );
      })}
    </div>
  );
}
