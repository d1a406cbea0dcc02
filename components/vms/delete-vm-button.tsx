"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { deleteVmAction } from "@/lib/actions/vm-allocate";
import type { VmSummary } from "@/lib/inventory/summaries";
import { useVmAccess } from "@/lib/queries/access";

/** Deletes the VM (undefine with snapshot metadata and NVRAM) and the disk volumes ticked. */
export function DeleteVmButton({ vm }: { vm: VmSummary }) {
  const { gate } = useVmAccess(vm);
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [force, setForce] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const disks = vm.disks.filter((d) => d.device === "disk" && d.source);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const running = vm.state !== "shut off";
  const toggle = (path: string, on: boolean) =>
    setChosen((s) => {
      const next = new Set(s);
      if (on) next.add(path);
      else next.delete(path);
      return next;
    });
  const remove = () =>
    startTransition(async () => {
      const result = await deleteVmAction({ id: vm.id, force, volumes: [...chosen] });
      if (!result.ok) return setError(result.error);
      router.push("/vms");
    });
  return (
    <>
      <Button variant="danger" onClick={() => setOpen(true)} {...gate("VM.Allocate")}>
        Delete
      </Button>
      <ConfirmDialog
        open={open}
        title={`Delete ${vm.name}?`}
        confirmLabel="Delete VM"
        busy={pending}
        onConfirm={remove}
        onCancel={() => setOpen(false)}
      >
        <p>The VM is undefined with its snapshots and NVRAM. Delete these volumes as well:</p>
        {disks.length === 0 ? <p className="mt-2 text-xs">(no disk volumes)</p> : null}
        <ul className="mt-2 space-y-1" data-testid="delete-volumes">
          {disks.map((d) => (
            <li key={d.target}>
              <label className="flex items-center gap-2 font-mono text-xs">
                <input
                  type="checkbox"
                  aria-label={`Delete volume ${d.source}`}
                  checked={chosen.has(d.source ?? "")}
                  onChange={(e) => toggle(d.source ?? "", e.target.checked)}
                />
                {d.target}: {d.source}
              </label>
            </li>
          ))}
        </ul>
        {running ? (
          <label className="mt-3 flex items-center gap-2">
            <input type="checkbox" checked={force} onChange={(e) => setForce(e.target.checked)} />
            It is running: force it off first
          </label>
        ) : null}
        {error ? (
          <p role="alert" className="mt-2 text-red-600 dark:text-red-400">
            {error}
          </p>
        ) : null}
      </ConfirmDialog>
    </>
  );
}
