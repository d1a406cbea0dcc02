"use client";
import Link from "next/link";
import { useState } from "react";
import { YesNo } from "@/components/networks/kind-badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { LINK } from "@/components/ui/link-style";
import { useCan } from "@/lib/queries/access";
import { usePoolList, useRefreshStorage } from "@/lib/queries/storage";
import type { HostPools } from "@/lib/storage/summaries";
import { CreatePoolForm } from "./create-pool-form";
import { UsageBar } from "./usage-bar";

const TH = "px-3 py-2 font-medium";
const TD = "px-3 py-2";

function HostSection({ host }: { host: HostPools }) {
  const [creating, setCreating] = useState(false);
  const refresh = useRefreshStorage();
  const mayCreate = useCan()("Datastore.Allocate", { kind: "host", hostId: host.hostId });
  const create = !mayCreate ? null : (
    <Button variant="ghost" onClick={() => setCreating(true)} disabled={creating}>
      Create pool
    </Button>
  );
  return (
    <Card title={`${host.hostName} (${host.status})`} actions={host.error ? null : create}>
      {creating ? (
        <CreatePoolForm
          hostId={host.hostId}
          types={host.poolTypes}
          onDone={() => {
            setCreating(false);
            void refresh();
          }}
        />
      ) : null}
      {host.error ? (
        <p role="alert" data-testid="host-pools-error" className="text-sm text-red-600">
          Cannot read the storage of {host.hostName}: {host.error}
        </p>
      ) : host.pools.length === 0 ? (
        <p className="text-sm text-zinc-500">No storage pools on this host.</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-sm" aria-label={`Pools on ${host.hostName}`}>
            <thead className="text-left text-xs text-zinc-500">
              <tr>
                <th className={TH}>Name</th>
                <th className={TH}>Type</th>
                <th className={TH}>Path / source</th>
                <th className={TH}>Usage</th>
                <th className={TH}>Active</th>
                <th className={TH}>Autostart</th>
              </tr>
            </thead>
            <tbody>
              {host.pools.map((p) => (
                <tr
                  key={p.name}
                  data-testid="pool-row"
                  data-pool-name={p.name}
                  className="border-t border-zinc-100 dark:border-zinc-800"
                >
                  <td className={`${TD} whitespace-nowrap`}>
                    <Link
                      className={`font-medium ${LINK}`}
                      href={`/storage/${host.hostId}/${encodeURIComponent(p.name)}`}
                    >
                      {p.name}
                    </Link>
                  </td>
                  <td className={TD}>{p.type}</td>
                  <td className={`${TD} font-mono text-xs`}>
                    {p.path ?? "—"}
                    {p.source && p.source !== p.path ? (
                      <div className="text-zinc-500">{p.source}</div>
                    ) : null}
                  </td>
                  <td className={TD}>
                    <UsageBar
                      capacity={p.capacity}
                      allocation={p.allocation}
                      available={p.available}
                    />
                  </td>
                  <td className={TD}>
                    <YesNo value={p.active} testId="pool-active" />
                  </td>
                  <td className={TD}>
                    <YesNo value={p.autostart} testId="pool-autostart" />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}

export function PoolsClient({ initial }: { initial: HostPools[] }) {
  const { data } = usePoolList(initial);
  if (data.length === 0)
    return (
      <EmptyState title="No hosts yet">
        Add a host under <Link href="/hosts">Hosts</Link>; its storage pools are listed here.
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
