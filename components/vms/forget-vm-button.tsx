"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { forgetVmAction } from "@/lib/actions/vms";
import { useVmAccess } from "@/lib/queries/access";

/** For a VM gone from its host: drop it (and its tags and notes) from the inventory. */
export function ForgetVmButton({
  vm,
}: {
  vm: { id: string; name: string; hostId: string; uuid: string };
}) {
  const { gate } = useVmAccess(vm);
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const forget = () =>
    startTransition(async () => {
      const result = await forgetVmAction({ id: vm.id });
      if (!result.ok) {
        setOpen(false);
        return setError(result.error);
      }
      router.push("/vms");
    });
  return (
    <>
      <Button variant="secondary" onClick={() => setOpen(true)} {...gate("VM.Allocate")}>
        Forget {vm.name}
      </Button>
      {error ? (
        <span role="alert" className="text-sm text-red-600 dark:text-red-400">
          {error}
        </span>
      ) : null}
      <ConfirmDialog
        open={open}
        title={`Forget ${vm.name}?`}
        confirmLabel="Forget"
        busy={pending}
        onConfirm={forget}
        onCancel={() => setOpen(false)}
      >
        The VM is no longer on its host. Virtdeck removes it from the inventory with its tags and
        notes.
      </ConfirmDialog>
    </>
  );
}
