"use client";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { powerVmAction } from "@/lib/actions/vms";
import { useVmAccess } from "@/lib/queries/access";
import type { VmAction } from "@/lib/schemas/vm";
import { VM_ACTIONS } from "@/lib/schemas/vm";
import { ACTION_LABELS, actionsFor, DESTRUCTIVE_ACTIONS } from "@/lib/vms/actions-for-state";

const CONFIRM_TEXT: Partial<Record<VmAction, string>> = {
  destroy:
    "Force off cuts the power: the guest gets no chance to shut down and unsaved data is lost.",
  reset: "Reset restarts the guest at once, like the reset button: unsaved data is lost.",
};

/** Every lifecycle action; those not valid in the current state are disabled. */
export function VmActionButtons({
  vm,
  compact = false,
}: {
  vm: { id: string; name: string; state: string; hostId: string; uuid: string };
  compact?: boolean;
}) {
  const [pending, startTransition] = useTransition();
  const [running, setRunning] = useState<VmAction | null>(null);
  const [confirm, setConfirm] = useState<VmAction | null>(null);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const valid = new Set(actionsFor(vm.state));
  const { can } = useVmAccess(vm);
  const allowed = can("VM.PowerMgmt");

  const run = (action: VmAction) =>
    startTransition(async () => {
      setConfirm(null);
      setRunning(action);
      setOutcome(null);
      const result = await powerVmAction({ id: vm.id, action });
      setRunning(null);
      setOutcome(
        result.ok
          ? { ok: true, text: `${ACTION_LABELS[action]}: done` }
          : { ok: false, text: result.error },
      );
    });

  const actions = compact ? VM_ACTIONS.filter((a) => valid.has(a)) : VM_ACTIONS;
  return (
    <div className="flex flex-wrap items-center gap-2">
      {actions.map((action) => (
        <Button
          key={action}
          variant={
            DESTRUCTIVE_ACTIONS.has(action)
              ? "secondary"
              : action === "start"
                ? "primary"
                : "secondary"
          }
          disabled={pending || !valid.has(action) || !allowed}
          title={allowed ? undefined : "Needs VM.PowerMgmt"}
          onClick={() => (DESTRUCTIVE_ACTIONS.has(action) ? setConfirm(action) : run(action))}
          aria-label={`${ACTION_LABELS[action]} ${vm.name}`}
          className={compact ? "px-2 py-1 text-xs" : ""}
        >
          {running === action ? (
            <span
              className="inline-block size-3 animate-spin rounded-full border-2 border-current border-t-transparent"
              aria-hidden
            />
          ) : null}
          {running === action ? `${ACTION_LABELS[action]}…` : ACTION_LABELS[action]}
        </Button>
      ))}
      {outcome ? (
        <span
          role={outcome.ok ? "status" : "alert"}
          data-testid="vm-action-outcome"
          className={`text-sm ${outcome.ok ? "text-emerald-700 dark:text-emerald-400" : "text-red-600 dark:text-red-400"}`}
        >
          {outcome.text}
        </span>
      ) : null}
      <ConfirmDialog
        open={confirm !== null}
        title={`${confirm ? ACTION_LABELS[confirm] : ""} ${vm.name}?`}
        confirmLabel={confirm ? ACTION_LABELS[confirm] : "Confirm"}
        busy={pending}
        onConfirm={() => confirm && run(confirm)}
        onCancel={() => setConfirm(null)}
      >
        {confirm ? CONFIRM_TEXT[confirm] : null}
      </ConfirmDialog>
    </div>
  );
}
