"use client";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { LINK } from "@/components/ui/link-style";
import type { HostNetworks } from "@/lib/networks/summaries";
import { useCan } from "@/lib/queries/access";
import { useNetworkList } from "@/lib/queries/networks";
import { KindBadge, YesNo } from "./kind-badge";

const TH = "px-3 py-2 font-medium";
const TD = "px-3 py-2";

function HostSection({ host }: { host: HostNetworks }) {
  const mayCreate = useCan()("Network.Allocate", { kind: "host", hostId: host.hostId });
  const create = !mayCreate ? null : (
    <Link href={`/networks/new?host=${host.hostId}`} className={`text-sm ${LINK}`}>
      Create network
    </Link>
  );
  return (
    <Card title={`${host.hostName} (${host.status})`} actions={host.error ? null : create}>
      {host.error ? (
        <p role="alert" data-testid="host-networks-error" className="text-sm text-red-600">
          Cannot read the networks of {host.hostName}: {host.error}
        </p>
      ) : host.networks.length === 0 ? (
        <p className="text-sm text-zinc-500">No networks on this host.</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-sm" aria-label={`Networks on ${host.hostName}`}>
            <thead className="text-left text-xs text-zinc-500">
              <tr>
                <th className={TH}>Name</th>
                <th className={TH}>Kind</th>
                <th className={TH}>Bridge</th>
                <th className={TH}>Subnet</th>
                <th className={TH}>Gateway</th>
                <th className={TH}>DHCP range</th>
                <th className={TH}>Active</th>
                <th className={TH}>Autostart</th>
                <th className={TH}>Persistent</th>
                <th className={TH}>VMs</th>
              </tr>
            </thead>
            <tbody>
              {host.networks.map((n) => (
                <tr
                  key={n.name}
                  data-testid="network-row"
                  data-network-name={n.name}
                  className="border-t border-zinc-100 dark:border-zinc-800"
                >
                  <td className={`${TD} whitespace-nowrap`}>
                    <Link
                      className={`font-medium ${LINK}`}
                      href={`/networks/${host.hostId}/${encodeURIComponent(n.name)}`}
                    >
                      {n.name}
                    </Link>
                  </td>
                  <td className={TD}>
                    <KindBadge kind={n.kind} />
                  </td>
                  <td className={`${TD} font-mono text-xs`}>{n.bridge ?? "—"}</td>
                  <td className={`${TD} font-mono text-xs`}>{n.subnet ?? "—"}</td>
                  <td className={`${TD} font-mono text-xs`}>{n.gateway ?? "—"}</td>
                  <td className={`${TD} font-mono text-xs`}>
                    {n.dhcpRange ? `${n.dhcpRange.start} – ${n.dhcpRange.end}` : "—"}
                  </td>
                  <td className={TD}>
                    <YesNo value={n.active} testId="network-active" />
                  </td>
                  <td className={TD}>
                    <YesNo value={n.autostart} testId="network-autostart" />
                  </td>
                  <td className={TD}>
                    <YesNo value={n.persistent} />
                  </td>
                  <td className={TD}>{n.vms.map((v) => v.name).join(", ") || "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}

export function NetworksClient({ initial }: { initial: HostNetworks[] }) {
  const { data } = useNetworkList(initial);
  if (data.length === 0)
    return (
      <EmptyState title="No hosts yet">
        Add a host under <Link href="/hosts">Hosts</Link>; its networks are listed here.
      </EmptyState>
    );
  return (
    <div className="flex flex-col gap-4">
      {data.map((h) => (
        <HostSection key={h.hostId} host={h} />
      ))}
    </div>
  );
}
