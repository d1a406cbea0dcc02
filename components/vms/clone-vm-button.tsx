"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { CopyBar } from "@/components/live/copy-bar";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Field } from "@/components/ui/field";
import { cloneVmAction } from "@/lib/actions/vm-allocate";
import type { VmSummary } from "@/lib/inventory/summaries";
import { newJobId } from "@/lib/live/job-id";
import { useVmAccess } from "@/lib/queries/access";
import { useJobProgress } from "@/lib/queries/job-progress";

/** Clones a shut-off VM: full copies of its disk volumes (with progress), new UUID and MACs. */
export function CloneVmButton({ vm }: { vm: VmSummary }) {
  const { gate } = useVmAccess(vm);
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState(`${vm.name}-clone`);
  const [start, setStart] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const [job, setJob] = useState<string | null>(null);
  const parts = useJobProgress(job);
  const shutOff = vm.state === "shut off";
  const clone = () => {
    // Set outside the transition: state set inside it would only show when the clone is done.
    const jobId = newJobId();
    setJob(jobId);
    startTransition(async () => {
      setError(null);
      const result = await cloneVmAction({ id: vm.id, name, start, jobId });
      if (!result.ok) return setError(result.error);
      setOpen(false);
      router.push(`/vms/${result.data.id}`);
    });
  };
  return (
    <>
      <Button
        variant="secondary"
        onClick={() => {
          // A fresh dialog each time: no error or name left over from the last clone.
          setError(null);
          setName(`${vm.name}-clone`);
          setOpen(true);
        }}
        disabled={!shutOff}
        title={
          shutOff
            ? undefined
            : "Shut the VM off to clone it (its disks must not change during the copy)"
        }
        {...gate("VM.Allocate")}
      >
        Clone
      </Button>
      <ConfirmDialog
        open={open}
        title={`Clone ${vm.name}`}
        confirmLabel={pending ? "Copying disks…" : "Clone VM"}
        busy={pending}
        onConfirm={clone}
        onCancel={() => setOpen(false)}
      >
        <div className="flex flex-col gap-3">
          <p>
            Each disk volume is copied in full into its pool; the clone gets a new UUID and MACs.
          </p>
          <Field
            label="Clone name"
            name="clone-name"
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
          <label className="flex items-center gap-2">
            <input type="checkbox" checked={start} onChange={(e) => setStart(e.target.checked)} />
            Start the clone
          </label>
          {pending ? (
            <div role="status" data-testid="clone-progress" className="flex flex-col gap-2">
              {parts.length === 0 ? <p>Starting the copy…</p> : null}
              {parts.map((p) => (
                <CopyBar key={p.step} part={p} />
              ))}
            </div>
          ) : null}
          {error ? (
            <p role="alert" className="text-red-600 dark:text-red-400">
              {error}
            </p>
          ) : null}
        </div>
      </ConfirmDialog>
    </>
  );
}
