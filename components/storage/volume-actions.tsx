"use client";
import { useEffect, useState, useTransition } from "react";
import { TaskProgress } from "@/components/tasks/task-progress";
import { useStartTask } from "@/components/tasks/use-start-task";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { LINK } from "@/components/ui/link-style";
import { useToast } from "@/components/ui/toaster";
import { cloneVolumeAction, deleteVolumeAction, resizeVolumeAction } from "@/lib/actions/storage";
import { useGate } from "@/lib/queries/access";
import { useRefreshStorage } from "@/lib/queries/storage";
import { useTask } from "@/lib/queries/tasks";
import type { PoolDetail, VolumeSummary } from "@/lib/storage/summaries";
import type { TaskSummary } from "@/lib/tasks/summary";

const INPUT =
  "w-28 rounded-md border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-900";

/** Resize, clone, download and delete for one volume (delete asked first, refused while in use). */
export function VolumeActions({ pool, vol }: { pool: PoolDetail; vol: VolumeSummary }) {
  const refresh = useRefreshStorage();
  const [pending, startTransition] = useTransition();
  const [mode, setMode] = useState<"resize" | "clone" | null>(null);
  const [value, setValue] = useState("");
  const [confirm, setConfirm] = useState(false);
  const [shrinkAsk, setShrinkAsk] = useState<string | null>(null);
  const { notify, dismiss } = useToast();
  const ref = { hostId: pool.hostId, pool: pool.name, volume: vol.name };
  const lock = useGate()("Datastore.AllocateSpace", {
    kind: "pool",
    hostId: pool.hostId,
    pool: pool.name,
  });
  const base = `/api/v1/hosts/${pool.hostId}/pools/${encodeURIComponent(pool.name)}/volumes/${encodeURIComponent(vol.name)}`;

  // Not useRun: a shrink's refusal is a question (the dialog below), not a notification.
  const run = (label: string, call: () => Promise<{ ok: true } | { ok: false; error: string }>) =>
    startTransition(async () => {
      dismiss("volume-outcome");
      const r = await call();
      // A smaller size is refused until the operator confirms the shrink.
      if (!r.ok && label === "Resize" && r.error.startsWith("Shrinking"))
        return setShrinkAsk(r.error);
      setShrinkAsk(null);
      // Posted straight away, so it shows even if a live update has replaced this row meanwhile.
      notify({ key: "volume-outcome", ok: r.ok, text: r.ok ? `${label}: done` : r.error });
      if (r.ok) setMode(null);
      setConfirm(false);
      await refresh();
    });
  const open = (next: "resize" | "clone", initial: string) => {
    setMode(next);
    setValue(initial);
  };
  // A clone is a task: its bar shows here while this row is on screen, its end is a notification.
  const { start: startCopy, pending: starting } = useStartTask("volume-outcome");
  const [copying, setCopying] = useState<TaskSummary | null>(null);
  const { data: copy } = useTask(copying?.id ?? null, copying ?? undefined);
  const copied = copy?.state === "succeeded";
  useEffect(() => {
    if (copied) void refresh();
  }, [copied, refresh]);
  const apply = () => {
    if (mode === "resize")
      return run("Resize", () => resizeVolumeAction({ ...ref, capacity: value, shrink: false }));
    startCopy(
      () => cloneVolumeAction({ ...ref, name: value }),
      "Clone: done",
      (task) => {
        setCopying(task);
        setMode(null);
      },
    );
  };

  return (
    <div className="flex flex-wrap items-center gap-1">
      {mode ? (
        <form
          className="flex items-center gap-1"
          onSubmit={(e) => {
            e.preventDefault();
            apply();
          }}
        >
          <input
            aria-label={mode === "resize" ? "New size" : "Name of the copy"}
            className={INPUT}
            value={value}
            onChange={(e) => setValue(e.target.value)}
          />
          <Button type="submit" disabled={pending || starting} {...lock}>
            {mode === "resize" ? "Resize" : "Clone"}
          </Button>
          <Button variant="ghost" onClick={() => setMode(null)} {...lock}>
            Cancel
          </Button>
        </form>
      ) : (
        <>
          <Button variant="ghost" onClick={() => open("resize", "")} {...lock}>
            Resize
          </Button>
          <Button variant="ghost" onClick={() => open("clone", `${vol.name}-copy`)} {...lock}>
            Clone
          </Button>
          {lock.disabled ? null : (
            <a className={`px-2 text-sm ${LINK}`} href={`${base}/download`} download>
              Download
            </a>
          )}
          <Button variant="danger" onClick={() => setConfirm(true)} {...lock}>
            Delete
          </Button>
        </>
      )}
      {copy?.state === "running" ? (
        <div role="status" className="w-64">
          <TaskProgress task={copy} />
        </div>
      ) : null}
      <ConfirmDialog
        open={shrinkAsk !== null}
        title={`Shrink ${vol.name}?`}
        confirmLabel="Shrink volume"
        busy={pending}
        onConfirm={() =>
          run("Resize", () => resizeVolumeAction({ ...ref, capacity: value, shrink: true }))
        }
        onCancel={() => setShrinkAsk(null)}
      >
        {shrinkAsk}
      </ConfirmDialog>
      <ConfirmDialog
        open={confirm}
        title={`Delete volume ${vol.name}?`}
        confirmLabel="Delete volume"
        busy={pending}
        refusal={
          vol.usedBy.length > 0
            ? "A volume in use cannot be deleted: remove the disk from the VM first."
            : undefined
        }
        onConfirm={() => run("Delete", () => deleteVolumeAction(ref))}
        onCancel={() => setConfirm(false)}
      >
        {vol.usedBy.length > 0 ? (
          `${vol.usedBy.map((u) => u.name).join(", ")} ${vol.usedBy.length === 1 ? "uses" : "use"} this volume.`
        ) : (
          <>
            <span className="[overflow-wrap:anywhere]">{vol.path}</span> is deleted from{" "}
            {pool.hostName}. This cannot be undone.
          </>
        )}
      </ConfirmDialog>
    </div>
  );
}
