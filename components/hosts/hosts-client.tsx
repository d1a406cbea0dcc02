"use client";
import Link from "next/link";
import { useState, useTransition } from "react";
import { LiveIndicator } from "@/components/live/live-indicator";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { LINK } from "@/components/ui/link-style";
import { removeHostAction } from "@/lib/actions/hosts";
import type { HostSummary } from "@/lib/inventory/summaries";
import { ROOT, useCan, useGate } from "@/lib/queries/access";
import { useHostCache, useHostList } from "@/lib/queries/hosts";
import { useUsageNow } from "@/lib/queries/metrics";
import { HostForm } from "./host-form";
import { HostStatusBadge, MaintenanceBadge } from "./host-status-badge";
import { HostUsageCells } from "./host-usage-cells";
import { LocalHostOffer } from "./local-host-offer";

export function HostsClient({
  hosts: initial,
  localHostName,
}: {
  hosts: HostSummary[];
  /** Set when this machine runs libvirtd and no host is registered yet: offer to add it. */
  localHostName: string | null;
}) {
  const cache = useHostCache();
  const { data: hosts } = useHostList(initial);
  const { data: usage } = useUsageNow();
  const [removing, setRemoving] = useState<HostSummary | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const added = (host: HostSummary) => cache.put(host);
  const can = useCan();
  const gate = useGate();
  const mayAdd = can("Host.Modify", ROOT);

  const confirmRemove = () =>
    startTransition(async () => {
      if (!removing) return;
      const result = await removeHostAction({ id: removing.id });
      setError(result.ok ? null : result.error);
      if (result.ok) cache.drop(removing.id);
      setRemoving(null);
    });

  return (
    <div className="flex flex-col gap-6">
      <div className="-mt-4 -mb-2 flex justify-end">
        <LiveIndicator />
      </div>
      {localHostName && hosts.length === 0 && mayAdd ? (
        <LocalHostOffer name={localHostName} onAdded={added} />
      ) : null}
      {mayAdd ? (
        <Card title="Add a host">
          <HostForm onSaved={added} />
        </Card>
      ) : null}
      {error ? (
        <p role="alert" className="text-sm text-red-600 dark:text-red-400">
          {error}
        </p>
      ) : null}
      {hosts.length === 0 ? (
        <EmptyState title={mayAdd ? "No hosts yet" : "No hosts shared with you"}>
          {mayAdd
            ? "Add your first KVM host above by its libvirt URI."
            : "Adding hosts needs Host.Modify on /; an administrator can grant you a role on a host."}
        </EmptyState>
      ) : (
        <Card title={`${hosts.length} host${hosts.length === 1 ? "" : "s"}`}>
          <table className="w-full text-left text-sm" aria-label="Hosts">
            <thead className="text-xs uppercase text-zinc-500 dark:text-zinc-400">
              <tr>
                <th className="pb-2 font-medium">Name</th>
                <th className="pb-2 font-medium">URI</th>
                <th className="pb-2 font-medium">Status</th>
                <th className="pb-2 font-medium">CPU</th>
                <th className="pb-2 font-medium">Memory</th>
                <th className="pb-2 font-medium">Running VMs</th>
                <th className="pb-2 font-medium">Storage</th>
                <th className="pb-2" />
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
              {hosts.map((host) => (
                <tr key={host.id} data-testid="host-row" data-status={host.status}>
                  <td className="py-2 font-medium">
                    <Link href={`/hosts/${host.id}`} className={LINK}>
                      {host.name}
                    </Link>
                  </td>
                  <td className="py-2 font-mono text-xs break-all">{host.uri}</td>
                  <td className="py-2">
                    <HostStatusBadge status={host.status} error={host.lastError} />
                    {host.maintenance ? (
                      <span className="ml-1">
                        <MaintenanceBadge />
                      </span>
                    ) : null}
                    {host.lastError && host.status !== "online" ? (
                      <p
                        data-testid="host-error"
                        className="mt-1 text-xs text-red-700 dark:text-red-300"
                      >
                        {host.lastError}
                      </p>
                    ) : null}
                  </td>
                  <HostUsageCells now={usage?.hosts[host.id]} />
                  <td className="py-2 text-right">
                    <Button
                      variant="ghost"
                      onClick={() => setRemoving(host)}
                      aria-label={`Remove ${host.name}`}
                      {...gate("Host.Modify", { kind: "host", hostId: host.id })}
                    >
                      Remove
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      )}
      <ConfirmDialog
        open={removing !== null}
        title={`Remove ${removing?.name ?? "host"}?`}
        confirmLabel="Remove host"
        busy={pending}
        onConfirm={confirmRemove}
        onCancel={() => setRemoving(null)}
      >
        Virtdeck forgets this host. Nothing on the host changes: its virtual machines keep running.
      </ConfirmDialog>
    </div>
  );
}
