"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Outcome } from "@/components/ui/outcome";
import { changePoolStateAction, deletePoolAction } from "@/lib/actions/storage";
import { useGate } from "@/lib/queries/access";
import { useRefreshStorage } from "@/lib/queries/storage";
import type { PoolDetail } from "@/lib/storage/summaries";

type Result = { ok: true } | { ok: false; error: string };

/** Build, start/stop, refresh, autostart and delete (asked first; refused while VMs use it). */
export function PoolButtons({ pool }: { pool: PoolDetail }) {
  const router = useRouter();
  const refresh = useRefreshStorage();
  const [pending, startTransition] = useTransition();
  const [confirm, setConfirm] = useState(false);
  const [deleteStorage, setDeleteStorage] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const ref = { hostId: pool.hostId, pool: pool.name };
  const lock = useGate()("Datastore.Allocate", {
    kind: "pool",
    hostId: pool.hostId,
    pool: pool.name,
  });
  const inUse = pool.volumes.filter((v) => v.usedBy.length > 0);

  const run = (label: string, call: () => Promise<Result>) =>
    startTransition(async () => {
      setOutcome(null);
      const r = await call();
      setOutcome(r.ok ? { ok: true, text: `${label}: done` } : { ok: false, text: r.error });
      await refresh();
    });
  const act = (action: "build" | "start" | "stop" | "refresh", label: string) => () =>
    run(label, () => changePoolStateAction({ ...ref, action }));

  const remove = () =>
    startTransition(async () => {
      const r = await deletePoolAction({ ...ref, deleteStorage });
      setConfirm(false);
      if (r.ok) router.push("/storage");
      else setOutcome({ ok: false, text: r.error });
    });

  return (
    <div className="flex flex-wrap items-center gap-2">
      {pool.active ? (
        <Button variant="secondary" disabled={pending} onClick={act("stop", "Stop")} {...lock}>
          Stop
        </Button>
      ) : (
        <Button disabled={pending} onClick={act("start", "Start")} {...lock}>
          Start
        </Button>
      )}
      <Button
        variant="secondary"
        disabled={pending || !pool.active}
        onClick={act("refresh", "Refresh")}
        {...lock}
      >
        Refresh
      </Button>
      <Button
        variant="secondary"
        disabled={pending || pool.active}
        onClick={act("build", "Build")}
        {...lock}
      >
        Build
      </Button>
      <Button
        variant="secondary"
        disabled={pending || !pool.persistent}
        onClick={() =>
          run("Autostart", () =>
            changePoolStateAction({ ...ref, action: "autostart", on: !pool.autostart }),
          )
        }
        {...lock}
      >
        {pool.autostart ? "Autostart off" : "Autostart on"}
      </Button>
      <Button variant="danger" disabled={pending} onClick={() => setConfirm(true)} {...lock}>
        Delete pool
      </Button>
      <Outcome value={outcome} testId="pool-outcome" />
      <ConfirmDialog
        open={confirm}
        title={`Delete pool ${pool.name}?`}
        confirmLabel="Delete pool"
        busy={pending}
        onConfirm={remove}
        onCancel={() => setConfirm(false)}
      >
        {inUse.length > 0 ? (
          <span data-testid="pool-in-use" className="mb-2 block text-red-600">
            VMs use {inUse.map((v) => v.name).join(", ")}: deleting will be refused.
          </span>
        ) : null}
        The pool is stopped and removed from {pool.hostName}.
        <label className="mt-3 flex items-center gap-2">
          <input
            type="checkbox"
            checked={deleteStorage}
            onChange={(e) => setDeleteStorage(e.target.checked)}
          />
          Also delete its storage ({pool.path ?? pool.source}; must be empty)
        </label>
      </ConfirmDialog>
    </div>
  );
}
