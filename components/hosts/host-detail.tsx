"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, useTransition } from "react";
import { LiveIndicator } from "@/components/live/live-indicator";
import { HOST_GRAPHS, MetricsPanel } from "@/components/metrics/metrics-panel";
import { TaskHistory } from "@/components/tasks/task-history";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FormError } from "@/components/ui/form-error";
import { LINK } from "@/components/ui/link-style";
import { PageHeader } from "@/components/ui/page-header";
import { removeHostAction } from "@/lib/actions/hosts";
import { formatUtc } from "@/lib/format";
import type { HostDetails } from "@/lib/hosts/host-details";
import type { HostSummary } from "@/lib/inventory/summaries";
import { useGate } from "@/lib/queries/access";
import { useHost, useHostCache } from "@/lib/queries/hosts";
import { useHostNetworks } from "@/lib/queries/networks";
import { useHostPools } from "@/lib/queries/storage";
import type { TaskSummary } from "@/lib/tasks/summary";
import { HostFactsCards } from "./host-facts-cards";
import { HostForm } from "./host-form";
import { HostStatusBadge, MaintenanceBadge } from "./host-status-badge";
import { MaintenanceCard } from "./maintenance-card";
import { MigrationSettings } from "./migration-settings";
import { StatusHistory } from "./status-history";

/**
 * An online host is seen now (and since when it is connected); any other keeps the last time it
 * answered, the moment it went away.
 */
function LastSeen({ host }: { host: HostSummary }) {
  const online = host.status === "online";
  const at = online ? (host.statusChangedAt ?? host.lastSeenAt) : host.lastSeenAt;
  if (!at && !online) return null;
  return (
    <span className="text-zinc-500" data-testid="host-last-seen">
      {online ? "last seen now" : "last seen "}
      {at ? (
        <>
          {online ? " (connected since " : ""}
          <time dateTime={at}>{formatUtc(at)} UTC</time>
          {online ? ")" : ""}
        </>
      ) : null}
    </span>
  );
}

export function HostDetail({ host: initial, tasks }: { host: HostDetails; tasks: TaskSummary[] }) {
  const router = useRouter();
  const cache = useHostCache();
  const { data: host } = useHost(initial);
  const [editing, setEditing] = useState(false);
  const [removing, setRemoving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const modify = useGate()("Host.Modify", { kind: "host", hostId: initial.id });
  const networks = useHostNetworks(initial.id, initial.facts?.networks ?? []);
  const pools = useHostPools(initial.id, initial.facts?.pools ?? []);

  // Facts, VM counts and history are re-read from the database when the status changes.
  const seen = useRef(`${host.status}|${host.statusChangedAt}`);
  useEffect(() => {
    const now = `${host.status}|${host.statusChangedAt}`;
    if (now !== seen.current) router.refresh();
    seen.current = now;
  }, [host.status, host.statusChangedAt, router]);

  const remove = () =>
    startTransition(async () => {
      const result = await removeHostAction({ id: host.id });
      if (!result.ok) {
        setError(result.error);
        setRemoving(false);
        return;
      }
      cache.drop(host.id);
      router.push("/hosts");
    });

  const counts = Object.entries(initial.vmCounts);
  return (
    <>
      <PageHeader title={host.name} description={host.uri} actions={<LiveIndicator />} />
      <div className="flex flex-col gap-6">
        <Card
          title="Connection"
          actions={
            <div className="flex gap-2">
              <Button variant="secondary" onClick={() => setEditing((v) => !v)} {...modify}>
                {editing ? "Cancel edit" : "Edit"}
              </Button>
              <Button variant="danger" onClick={() => setRemoving(true)} {...modify}>
                Remove
              </Button>
            </div>
          }
        >
          <div className="flex flex-wrap items-center gap-3 text-sm">
            <HostStatusBadge status={host.status} error={host.lastError} />
            {host.maintenance ? <MaintenanceBadge /> : null}
            {host.lastError && host.status !== "online" ? (
              <span data-testid="host-error" className="text-red-700 dark:text-red-300">
                {host.lastError}
              </span>
            ) : null}
            <LastSeen host={host} />
          </div>
          {editing ? (
            <div className="mt-5">
              <HostForm
                initial={{
                  id: initial.id,
                  name: initial.name,
                  uri: initial.uri,
                  sshUser: initial.sshUser ?? "",
                  sshHostKey: initial.sshHostKey ?? "",
                  sshHostKeyFingerprint: initial.sshHostKeyFingerprint ?? "",
                  keyFingerprint: initial.keyFingerprint ?? "",
                }}
                onSaved={(saved) => {
                  cache.put(saved);
                  setEditing(false);
                  router.refresh();
                }}
              />
            </div>
          ) : null}
          <FormError message={error} />
        </Card>
        {initial.facts ? (
          <HostFactsCards facts={initial.facts} networks={networks} pools={pools} />
        ) : (
          <Card title="Host">
            <p className="text-sm text-zinc-500">
              Nothing read yet: the facts appear once Virtdeck has connected to this host.
            </p>
          </Card>
        )}
        <div className="grid gap-4 md:grid-cols-2">
          <Card title="Virtual machines">
            {counts.length === 0 ? (
              <p className="text-sm text-zinc-500">No VMs seen on this host.</p>
            ) : (
              <ul className="text-sm" data-testid="vm-counts">
                {counts.map(([state, n]) => (
                  <li key={state} className="flex justify-between py-0.5">
                    <span>{state}</span>
                    <span className="font-medium">{n}</span>
                  </li>
                ))}
              </ul>
            )}
            <Link href="/vms" className={`mt-3 inline-block text-sm ${LINK}`}>
              All VMs
            </Link>
          </Card>
          <StatusHistory history={initial.history} />
          <MaintenanceCard host={host} running={initial.vmCounts.running ?? 0} />
          <MigrationSettings
            hostId={initial.id}
            migrationUri={initial.migrationUri}
            migrationAddress={initial.migrationAddress}
          />
        </div>
      </div>
      <div className="mt-6">
        <h2 className="mb-2 text-base font-semibold">Usage</h2>
        <MetricsPanel kind="host" seriesId={initial.id} apiId={initial.id} graphs={HOST_GRAPHS} />
      </div>
      <div className="mt-6">
        <TaskHistory
          filter={{ host: initial.id, limit: 20 }}
          initial={tasks}
          label="Tasks on this host"
        />
      </div>
      <ConfirmDialog
        open={removing}
        title={`Remove ${host.name}?`}
        confirmLabel="Remove host"
        busy={pending}
        onConfirm={remove}
        onCancel={() => setRemoving(false)}
      >
        Virtdeck forgets this host. Nothing on the host changes: its virtual machines keep running.
      </ConfirmDialog>
    </>
  );
}
