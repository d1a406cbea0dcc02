"use client";
import Link from "next/link";
import { LiveIndicator } from "@/components/live/live-indicator";
import { LINK } from "@/components/ui/link-style";
import type { VmSummary } from "@/lib/inventory/summaries";
import { useVm } from "@/lib/queries/vms";
import { CloneVmButton } from "../clone-vm-button";
import { DeleteVmButton } from "../delete-vm-button";
import { ForgetVmButton } from "../forget-vm-button";
import { MigrateVmButton } from "../migrate-vm-button";
import { StateBadge } from "../state-badge";
import { VmActionButtons } from "../vm-action-buttons";
import { useAddressWatch } from "./use-address-watch";
import { VmTabs } from "./vm-tabs";

/** Above every tab of the VM page: its name, state and actions, then the tabs. */
export function VmHeader({ initial }: { initial: VmSummary }) {
  const { data: vm } = useVm(initial);
  useAddressWatch(vm);
  return (
    <>
      <div className="mb-4 flex flex-wrap items-end justify-between gap-x-6 gap-y-3">
        <div className="min-w-0">
          <Link href="/vms" className={`text-xs ${LINK}`}>
            ← All VMs
          </Link>
          <div className="flex flex-wrap items-center gap-3">
            <h1 className="text-2xl font-semibold tracking-tight">{vm.name}</h1>
            <StateBadge state={vm.state} reason={vm.stateReason} />
            <LiveIndicator />
          </div>
          <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
            on{" "}
            <Link href={`/hosts/${vm.hostId}`} className={LINK}>
              {vm.hostName}
            </Link>{" "}
            · UUID <span className="font-mono text-xs">{vm.uuid}</span>
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          {vm.gone ? (
            <>
              <span className="text-sm text-zinc-500">
                This VM is no longer on {vm.hostName}: it was removed outside Virtdeck.
              </span>
              <ForgetVmButton vm={vm} />
            </>
          ) : (
            <>
              <VmActionButtons vm={vm} />
              <span className="mx-1 h-6 w-px bg-zinc-200 dark:bg-zinc-700" aria-hidden />
              <MigrateVmButton vm={vm} />
              <CloneVmButton vm={vm} />
              <DeleteVmButton vm={vm} />
            </>
          )}
        </div>
      </div>
      <VmTabs vmId={vm.id} gone={vm.gone} />
    </>
  );
}
