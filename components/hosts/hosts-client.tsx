"use client";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { removeHostAction } from "@/lib/actions/hosts";
import { AddHostForm } from "./add-host-form";

export interface HostRow {
  id: string;
  name: string;
  uri: string;
  createdAt: string;
}

export function HostsClient({ hosts }: { hosts: HostRow[] }) {
  const [removing, setRemoving] = useState<HostRow | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const confirmRemove = () =>
    startTransition(async () => {
      if (!removing) return;
      const result = await removeHostAction({ id: removing.id });
      setError(result.ok ? null : result.error);
      setRemoving(null);
    });

  return (
    <div className="flex flex-col gap-6">
      <Card title="Add a host">
        <AddHostForm />
      </Card>
      {error ? (
        <p role="alert" className="text-sm text-red-600 dark:text-red-400">
          {error}
        </p>
      ) : null}
      {hosts.length === 0 ? (
        <EmptyState title="No hosts yet">
          Add your first KVM host above by its libvirt URI.
        </EmptyState>
      ) : (
        <Card title={`${hosts.length} host${hosts.length === 1 ? "" : "s"}`}>
          <table className="w-full text-left text-sm" aria-label="Hosts">
            <thead className="text-xs uppercase text-zinc-500 dark:text-zinc-400">
              <tr>
                <th className="pb-2 font-medium">Name</th>
                <th className="pb-2 font-medium">URI</th>
                <th className="pb-2 font-medium">Added</th>
                <th className="pb-2" />
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
              {hosts.map((host) => (
                <tr key={host.id} data-testid="host-row">
                  <td className="py-2 font-medium">{host.name}</td>
                  <td className="py-2 font-mono text-xs">{host.uri}</td>
                  <td className="py-2 text-zinc-600 dark:text-zinc-400">
                    <time dateTime={host.createdAt}>
                      {host.createdAt.slice(0, 16).replace("T", " ")} UTC
                    </time>
                  </td>
                  <td className="py-2 text-right">
                    <Button
                      variant="ghost"
                      onClick={() => setRemoving(host)}
                      aria-label={`Remove ${host.name}`}
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
