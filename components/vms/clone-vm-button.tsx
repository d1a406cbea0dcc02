"use client";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { TaskProgress } from "@/components/tasks/task-progress";
import { useStartTask } from "@/components/tasks/use-start-task";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Field } from "@/components/ui/field";
import { cloneVmAction } from "@/lib/actions/vm-allocate";
import type { VmSummary } from "@/lib/inventory/summaries";
import { useVmAccess } from "@/lib/queries/access";
import { useTask } from "@/lib/queries/tasks";
import type { TaskSummary } from "@/lib/tasks/summary";

/**
 * Clones a shut-off VM as a task: full copies of its disk volumes (their progress in the dialog
 * and the task panel), new UUID and MACs; the clone's page opens when it is done. Closing the
 * dialog stops nothing.
 */
export function CloneVmButton({ vm }: { vm: VmSummary }) {
  const { gate } = useVmAccess(vm);
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState(`${vm.name}-clone`);
  const [start, setStart] = useState(true);
  const { start: startClone, pending } = useStartTask("clone-outcome");
  const [started, setStarted] = useState<TaskSummary | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { data: task } = useTask(started?.id ?? null, started ?? undefined);
  const shutOff = vm.state === "shut off";
  const newVm =
    task?.state === "succeeded" ? (task.result as { vmId?: string } | null)?.vmId : null;
  useEffect(() => {
    if (newVm) router.push(`/vms/${newVm}`);
  }, [newVm, router]);
  const copying = pending || (task !== undefined && task.state === "running");
  const clone = () => {
    setError(null);
    startClone(
      () => cloneVmAction({ id: vm.id, name, start }),
      "Clone: done",
      setStarted,
      setError,
    );
  };
  return (
    <>
      <Button
        variant="secondary"
        onClick={() => {
          // A fresh dialog each time: no error or name left over from the last clone.
          setStarted(null);
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
        confirmLabel={copying ? "Copying disks…" : "Clone VM"}
        busy={copying}
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
          {task ? (
            <div role="status" data-testid="clone-progress" className="flex flex-col gap-2">
              <TaskProgress task={task} />
              {task.state === "running" ? (
                <p className="text-xs text-zinc-500 dark:text-zinc-400">
                  Closing this dialog stops nothing: the clone goes on in the task panel.
                </p>
              ) : null}
            </div>
          ) : null}
          {error || task?.error ? (
            <p role="alert" className="text-red-600 dark:text-red-400">
              {error ?? task?.error}
            </p>
          ) : null}
        </div>
      </ConfirmDialog>
    </>
  );
}
