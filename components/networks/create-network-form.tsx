"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { createNetworkAction } from "@/lib/actions/networks";
import type { NetworkProposal } from "@/lib/networks/proposals";
import type { NetworkKind } from "@/lib/schemas/network";
import { IpFields, type IpValues } from "./ip-fields";
import { KIND_CHOICES } from "./kinds";

export function CreateNetworkForm({
  hostId,
  hostName,
  proposal,
}: {
  hostId: string;
  hostName: string;
  proposal: NetworkProposal;
}) {
  const router = useRouter();
  const [kind, setKind] = useState<NetworkKind>("nat");
  const [name, setName] = useState("");
  const [autostart, setAutostart] = useState(true);
  const [hostBridge, setHostBridge] = useState(proposal.hostBridges[0] ?? "");
  const [ip, setIp] = useState<IpValues>({
    bridge: proposal.bridge,
    subnet: proposal.subnet,
    gateway: proposal.gateway,
    dhcp: true,
    dhcpStart: proposal.dhcpStart,
    dhcpEnd: proposal.dhcpEnd,
    ipv6: "",
    domain: "",
  });
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const submit = () =>
    startTransition(async () => {
      setError(null);
      const input =
        kind === "bridge"
          ? { hostId, kind, name, hostBridge, autostart }
          : { hostId, kind, name, autostart, ...ip };
      const result = await createNetworkAction(input);
      if (!result.ok) return setError(result.error);
      router.push(`/networks/${hostId}/${encodeURIComponent(result.data.name)}`);
    });

  return (
    <form
      aria-label="Create network"
      className="flex max-w-3xl flex-col gap-5"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-2 text-sm font-medium">What kind of network on {hostName}?</legend>
        {KIND_CHOICES.map((c) => (
          <label key={c.kind} className="flex items-start gap-2 text-sm">
            <input
              type="radio"
              name="kind"
              value={c.kind}
              checked={kind === c.kind}
              onChange={() => setKind(c.kind)}
              className="mt-1"
            />
            <span>
              <span className="font-medium">{c.label}</span>
              <span className="block text-zinc-600 dark:text-zinc-400">{c.reach}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <Field label="Name" name="name" value={name} onChange={(e) => setName(e.target.value)} />
      {kind === "bridge" ? (
        proposal.hostBridges.length === 0 ? (
          <p className="text-sm text-zinc-600 dark:text-zinc-400" data-testid="no-host-bridges">
            {hostName} has no bridge of its own yet. Make one on the host first, e.g. with
            NetworkManager (<code>nmcli con add type bridge ifname br0</code>, then add the physical
            NIC as its port) or in <code>/etc/network/interfaces</code>; it is listed here once it
            exists.
          </p>
        ) : (
          <label className="flex flex-col gap-1 text-sm font-medium">
            Host bridge
            <select
              name="hostBridge"
              value={hostBridge}
              onChange={(e) => setHostBridge(e.target.value)}
              className="rounded-md border border-zinc-300 bg-white px-3 py-2 font-normal dark:border-zinc-700 dark:bg-zinc-900"
            >
              {proposal.hostBridges.map((b) => (
                <option key={b}>{b}</option>
              ))}
            </select>
          </label>
        )
      ) : (
        <IpFields values={ip} onChange={(next) => setIp((old) => ({ ...old, ...next }))} />
      )}
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          checked={autostart}
          onChange={(e) => setAutostart(e.target.checked)}
        />
        Start with the host (autostart)
      </label>
      <FormError message={error} />
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? "Creating…" : "Create network"}
        </Button>
      </div>
    </form>
  );
}
