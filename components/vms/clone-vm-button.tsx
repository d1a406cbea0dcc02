"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Field } from "@/components/ui/field";
import { cloneVmAction } from "@/lib/actions/vm-lifecycle";
import type { VmSummary } from "@/lib/inventory/summaries";

/** Clones a shut-off VM: full copies of its disk volumes, new UUID and MACs. */
export function CloneVmButton({ vm }: { vm: VmSummary }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState(`${vm.name}-clone`);
  const [start, setStart] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const clone = () =>
    startTransition(async () => {
      setError(null);
      const result = await cloneVmAction({ id: vm.id, name, start });
      if (!result.ok) return setError(result.error);
      setOpen(false);
      router.push(`/vms/${result.data.id}`);
    });
  return (
    <>
      <Button variant="secondary" onClick={() => setOpen(true)}>
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
            <p role="status" data-testid="clone-progress">
              Copying {vm.disks.filter((d) => d.device === "disk").length} disk volume(s)…
            </p>
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
