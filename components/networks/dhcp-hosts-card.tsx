"use client";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { addDhcpHostAction, removeDhcpHostAction } from "@/lib/actions/networks";
import type { NetworkDetail } from "@/lib/networks/summaries";
import { useGate } from "@/lib/queries/access";

/** Static DHCP host entries: changed on the running network and in its config at once. */
export function DhcpHostsCard({ net }: { net: NetworkDetail }) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [entry, setEntry] = useState({ mac: "", ip: "", hostname: "" });
  const ref = { hostId: net.hostId, name: net.name };
  const lock = useGate()("Network.Allocate", {
    kind: "network",
    hostId: net.hostId,
    network: net.name,
  });
  const call = (fn: () => Promise<{ ok: boolean; error?: string }>, reset = false) =>
    startTransition(async () => {
      setError(null);
      const r = await fn();
      if (!r.ok) setError(r.error ?? "");
      else if (reset) setEntry({ mac: "", ip: "", hostname: "" });
    });
  return (
    <Card title="Static DHCP hosts">
      {net.dhcpHosts.length === 0 ? (
        <p className="mb-3 text-sm text-zinc-500">None.</p>
      ) : (
        <ul className="mb-3 space-y-1 text-sm" data-testid="dhcp-hosts">
          {net.dhcpHosts.map((h) => (
            <li key={`${h.mac}-${h.ip}`} className="flex items-center gap-3">
              <span className="font-mono text-xs">{h.mac}</span>
              <span className="font-mono text-xs">{h.ip}</span>
              <span>{h.name ?? ""}</span>
              <Button
                variant="danger"
                className="px-2 py-0.5 text-xs"
                disabled={pending}
                aria-label={`Remove ${h.mac}`}
                onClick={() =>
                  call(() =>
                    removeDhcpHostAction({
                      ...ref,
                      mac: h.mac ?? "",
                      ip: h.ip ?? "",
                      hostname: h.name ?? "",
                    }),
                  )
                }
                {...lock}
              >
                Remove
              </Button>
            </li>
          ))}
        </ul>
      )}
      <form
        aria-label="Add DHCP host"
        className="grid gap-3 sm:grid-cols-4"
        onSubmit={(e) => {
          e.preventDefault();
          call(() => addDhcpHostAction({ ...ref, ...entry }), true);
        }}
      >
        <Field
          label="MAC"
          name="dhcp-mac"
          value={entry.mac}
          onChange={(e) => setEntry({ ...entry, mac: e.target.value })}
        />
        <Field
          label="IP"
          name="dhcp-ip"
          value={entry.ip}
          onChange={(e) => setEntry({ ...entry, ip: e.target.value })}
        />
        <Field
          label="Hostname"
          name="dhcp-hostname"
          value={entry.hostname}
          onChange={(e) => setEntry({ ...entry, hostname: e.target.value })}
        />
        <Button type="submit" className="self-end" disabled={pending || !net.dhcpRange} {...lock}>
          {pending ? "Saving…" : "Add host"}
        </Button>
      </form>
      <div className="mt-2">
        <FormError message={error} />
      </div>
    </Card>
  );
}
