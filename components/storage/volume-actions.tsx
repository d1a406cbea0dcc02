"use client";
import { useState, useTransition } from "react";
import { CopyBar } from "@/components/live/copy-bar";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { LINK } from "@/components/ui/link-style";
import { useToast } from "@/components/ui/toaster";
import { cloneVolumeAction, deleteVolumeAction, resizeVolumeAction } from "@/lib/actions/storage";
import { newJobId } from "@/lib/live/job-id";
import { useGate } from "@/lib/queries/access";
import { useJobProgress } from "@/lib/queries/job-progress";
import { useRefreshStorage } from "@/lib/queries/storage";
import type { PoolDetail, VolumeSummary } from "@/lib/storage/summaries";

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
  const [job, setJob] = useState<string | null>(null);
  const copy = useJobProgress(job);
  const apply = () => {
    if (mode === "resize")
      return run("Resize", () => resizeVolumeAction({ ...ref, capacity: value, shrink: false }));
    // The job id is set before the transition, so the bar shows while the copy runs.
    const jobId = newJobId();
    setJob(jobId);
    run("Clone", () => cloneVolumeAction({ ...ref, name: value, jobId }));
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
          <Button type="submit" disabled={pending} {...lock}>
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
      {pending && mode === "clone" ? (
        <div role="status" className="w-64">
          {copy.map((part) => (
            <CopyBar key={part.step} part={part} />
          ))}
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
