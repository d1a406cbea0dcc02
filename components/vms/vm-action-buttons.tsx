"use client";
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useRun } from "@/components/ui/use-run";
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

/**
 * Actions the guest carries out in its own time: libvirt's answer means "asked", not "done".
 * The button keeps saying so until the state the live stream reports changes.
 */
const REQUESTED: Partial<Record<VmAction, string>> = {
  shutdown: "Shut down requested: the guest is shutting down",
  reboot: "Reboot requested: the guest restarts itself",
};
const UNDERWAY: Partial<Record<VmAction, string>> = {
  shutdown: "Shutting down…",
  reboot: "Rebooting…",
};

/** Every lifecycle action; those not valid in the current state are disabled. */
export function VmActionButtons({
  vm,
  compact = false,
}: {
  vm: { id: string; name: string; state: string; hostId: string; uuid: string };
  compact?: boolean;
}) {
  const { run, pending } = useRun("vm-action-outcome");
  const [running, setRunning] = useState<VmAction | null>(null);
  const [confirm, setConfirm] = useState<VmAction | null>(null);
  const [requested, setRequested] = useState<{ action: VmAction; from: string } | null>(null);
  const valid = new Set(actionsFor(vm.state));
  const { can } = useVmAccess(vm);
  const allowed = can("VM.PowerMgmt");

  // A requested shutdown ends when the VM's state moves on (a reboot: after a short while, as
  // the state may never leave "running").
  useEffect(() => {
    if (!requested) return;
    if (vm.state !== requested.from) return setRequested(null);
    if (requested.action !== "reboot") return;
    const t = setTimeout(() => setRequested(null), 15_000);
    return () => clearTimeout(t);
  }, [vm.state, requested]);

  const act = (action: VmAction) => {
    setConfirm(null);
    setRunning(action);
    run(
      () => powerVmAction({ id: vm.id, action }),
      () => REQUESTED[action] ?? `${ACTION_LABELS[action]}: done`,
      () => {
        if (REQUESTED[action]) setRequested({ action, from: vm.state });
      },
    );
  };
  useEffect(() => {
    if (!pending) setRunning(null);
  }, [pending]);

  const actions = compact ? VM_ACTIONS.filter((a) => valid.has(a)) : VM_ACTIONS;
  return (
    <div className="flex flex-wrap items-center gap-2">
      {actions.map((action) => {
        const busy = running === action || requested?.action === action;
        return (
          <Button
            key={action}
            variant={
              DESTRUCTIVE_ACTIONS.has(action)
                ? "danger"
                : action === "start"
                  ? "primary"
                  : "secondary"
            }
            disabled={pending || busy || !valid.has(action) || !allowed}
            title={allowed ? undefined : "Needs VM.PowerMgmt"}
            onClick={() => (DESTRUCTIVE_ACTIONS.has(action) ? setConfirm(action) : act(action))}
            aria-label={`${ACTION_LABELS[action]} ${vm.name}`}
            data-requested={requested?.action === action ? "" : undefined}
            className={compact ? "px-2 py-1 text-xs" : ""}
          >
            {busy ? (
              <span
                className="inline-block size-3 animate-spin rounded-full border-2 border-current border-t-transparent"
                aria-hidden
              />
            ) : null}
            {busy ? (UNDERWAY[action] ?? `${ACTION_LABELS[action]}…`) : ACTION_LABELS[action]}
          </Button>
        );
      })}
      <ConfirmDialog
        open={confirm !== null}
        title={`${confirm ? ACTION_LABELS[confirm] : ""} ${vm.name}?`}
        confirmLabel={confirm ? ACTION_LABELS[confirm] : "Confirm"}
        busy={pending}
        onConfirm={() => confirm && act(confirm)}
        onCancel={() => setConfirm(null)}
      >
        {confirm ? CONFIRM_TEXT[confirm] : null}
      </ConfirmDialog>
    </div>
  );
}
