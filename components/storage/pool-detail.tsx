"use client";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { LINK } from "@/components/ui/link-style";
import { PageHeader } from "@/components/ui/page-header";
import { usePoolDetail } from "@/lib/queries/storage";
import { formatBytes } from "@/lib/storage/sizes";
import type { PoolDetail } from "@/lib/storage/summaries";
import { CreateVolumeForm } from "./create-volume-form";
import { PoolButtons } from "./pool-buttons";
import { UploadVolume } from "./upload-volume";
import { UsageBar } from "./usage-bar";
import { VolumeActions } from "./volume-actions";

const TH = "px-3 py-2 font-medium";
const TD = "px-3 py-2";

export function PoolDetailView({ initial }: { initial: PoolDetail }) {
  const {
    query: { data: pool },
    leaving,
  } = usePoolDetail(initial);
  return (
    <>
      <PageHeader
        title={`${pool.name} on ${pool.hostName}`}
        description={`${pool.type} pool · ${pool.path ?? pool.source ?? ""} · ${pool.state}${pool.autostart ? " · autostart" : ""}`}
        actions={
          <Link href="/storage" className={`text-sm ${LINK}`}>
            ← All storage
          </Link>
        }
      />
      <div className="flex flex-col gap-4">
        <Card title="Pool">
          <div className="flex flex-col gap-3">
            <UsageBar
              capacity={pool.capacity}
              allocation={pool.allocation}
              available={pool.available}
            />
            <PoolButtons pool={pool} leaving={leaving} />
          </div>
        </Card>
        <Card title={`Volumes (${pool.volumes.length})`}>
          {!pool.active ? (
            <p className="text-sm text-zinc-500">Start the pool to see and change its volumes.</p>
          ) : pool.volumes.length === 0 ? (
            <p className="text-sm text-zinc-500">No volumes in this pool.</p>
          ) : (
            <div className="overflow-x-auto">
              <table className="w-full text-sm" aria-label={`Volumes in ${pool.name}`}>
                <thead className="text-left text-xs text-zinc-500">
                  <tr>
                    <th className={TH}>Name</th>
                    <th className={TH}>Format</th>
                    <th className={TH}>Capacity</th>
                    <th className={TH}>Allocation</th>
                    <th className={TH}>Used by</th>
                    <th className={TH}>Actions</th>
                  </tr>
                </thead>
                <tbody>
                  {pool.volumes.map((v) => (
                    <tr
                      key={v.name}
                      data-testid="volume-row"
                      data-volume-name={v.name}
                      className="border-t border-zinc-100 dark:border-zinc-800"
                    >
                      <td className={TD}>
                        <span className="font-medium">{v.name}</span>
                        <div className="font-mono text-xs text-zinc-500 [overflow-wrap:anywhere] dark:text-zinc-400">
                          {v.path}
                        </div>
                      </td>
                      <td className={TD}>{v.format ?? v.type}</td>
                      <td className={TD} data-testid="volume-capacity" data-bytes={v.capacity}>
                        {formatBytes(v.capacity)}
                      </td>
                      <td className={TD}>{formatBytes(v.allocation)}</td>
                      <td className={TD}>
                        {v.usedBy.length === 0
                          ? "—"
                          : v.usedBy.map((u, i) => (
                              <span key={u.id}>
                                {i > 0 ? ", " : ""}
                                <Link className={LINK} href={`/vms/${u.id}`}>
                                  {u.name}
                                </Link>
                              </span>
                            ))}
                      </td>
                      <td className={TD}>
                        <VolumeActions pool={pool} vol={v} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Card>
        <div className="grid gap-4 lg:grid-cols-2">
          <Card title="Create volume">
            <CreateVolumeForm pool={pool} />
          </Card>
          <Card title="Upload an ISO or disk image">
            <UploadVolume pool={pool} />
          </Card>
        </div>
      </div>
    </>
  );
}
