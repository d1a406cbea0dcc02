"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useRun } from "@/components/ui/use-run";
import { changePoolStateAction, deletePoolAction } from "@/lib/actions/storage";
import { useGate } from "@/lib/queries/access";
import type { Leaving } from "@/lib/queries/per-host";
import { useRefreshStorage } from "@/lib/queries/storage";
import type { PoolDetail } from "@/lib/storage/summaries";

/** Build, start/stop, refresh, autostart and delete (asked first; refused while VMs use it). */
export function PoolButtons({ pool, leaving }: { pool: PoolDetail; leaving: Leaving }) {
  const router = useRouter();
  const refresh = useRefreshStorage();
  const { run, pending } = useRun("pool-outcome");
  const [confirm, setConfirm] = useState(false);
  const [deleteStorage, setDeleteStorage] = useState(false);
  const ref = { hostId: pool.hostId, pool: pool.name };
  const lock = useGate()("Datastore.Allocate", {
    kind: "pool",
    hostId: pool.hostId,
    pool: pool.name,
  });
  const inUse = pool.volumes.filter((v) => v.usedBy.length > 0);
  const users = [...new Set(inUse.flatMap((v) => v.usedBy.map((u) => u.name)))];

  const change = (
    label: string,
    input:
      | { action: "build" | "start" | "stop" | "refresh" }
      | { action: "autostart"; on: boolean },
  ) =>
    run(
      () => changePoolStateAction({ ...ref, ...input }),
      `${label}: done`,
      () => void refresh(),
      () => void refresh(),
    );

  const remove = () => {
    // Outside the transition, so that the page stops reading at once (not when it ends).
    void leaving.leave();
    run(
      () => deletePoolAction({ ...ref, deleteStorage }),
      "",
      () => router.push("/storage"),
      () => {
        leaving.stay();
        setConfirm(false);
      },
    );
  };

  return (
    <div className="flex flex-wrap items-center gap-2">
      {pool.active ? (
        <Button
          variant="secondary"
          disabled={pending}
          onClick={() => change("Stop", { action: "stop" })}
          {...lock}
        >
          Stop
        </Button>
      ) : (
        <Button disabled={pending} onClick={() => change("Start", { action: "start" })} {...lock}>
          Start
        </Button>
      )}
      <Button
        variant="secondary"
        disabled={pending || !pool.active}
        onClick={() => change("Refresh", { action: "refresh" })}
        {...lock}
      >
        Refresh
      </Button>
      <Button
        variant="secondary"
        disabled={pending || pool.active}
        onClick={() => change("Build", { action: "build" })}
        {...lock}
      >
        Build
      </Button>
      <Button
        variant="secondary"
        disabled={pending || !pool.persistent}
        onClick={() => change("Autostart", { action: "autostart", on: !pool.autostart })}
        {...lock}
      >
        {pool.autostart ? "Autostart off" : "Autostart on"}
      </Button>
      <Button variant="danger" disabled={pending} onClick={() => setConfirm(true)} {...lock}>
        Delete pool
      </Button>
      <ConfirmDialog
        open={confirm}
        title={`Delete pool ${pool.name}?`}
        confirmLabel="Delete pool"
        busy={pending}
        refusal={
          inUse.length > 0 ? (
            <span data-testid="pool-in-use">
              {users.join(", ")} {users.length === 1 ? "uses" : "use"}{" "}
              {inUse.map((v) => v.name).join(", ")}: a pool with volumes in use cannot be deleted.
              Remove those disks from the VMs first.
            </span>
          ) : undefined
        }
        onConfirm={remove}
        onCancel={() => setConfirm(false)}
      >
        The pool is stopped and removed from {pool.hostName}.
        {inUse.length > 0 ? null : (
          <label className="mt-3 flex items-center gap-2">
            <input
              type="checkbox"
              checked={deleteStorage}
              onChange={(e) => setDeleteStorage(e.target.checked)}
            />
            <span>
              Also delete its storage (
              <span className="[overflow-wrap:anywhere]">{pool.path ?? pool.source}</span>; must be
              empty)
            </span>
          </label>
        )}
      </ConfirmDialog>
    </div>
  );
}
