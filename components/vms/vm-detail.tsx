"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import { LiveIndicator } from "@/components/live/live-indicator";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { formatUtc } from "@/lib/format";
import type { VmSummary } from "@/lib/inventory/summaries";
import { useVm } from "@/lib/queries/vms";
import { CloneVmButton } from "./clone-vm-button";
import { DeleteVmButton } from "./delete-vm-button";
import { ForgetVmButton } from "./forget-vm-button";
import { StateBadge } from "./state-badge";
import { VmActionButtons } from "./vm-action-buttons";
import { VmDevices } from "./vm-devices";
import { VmEdit } from "./vm-edit";
import { VmEditDisks } from "./vm-edit-disks";
import { VmEditXml } from "./vm-edit-xml";
import { VmLabelsForm } from "./vm-labels-form";
import { VmNics } from "./vm-nics";
import { VmOverview } from "./vm-overview";
import { VmSnapshots } from "./vm-snapshots";
import { VmXml } from "./vm-xml";

export interface VmEventRow {
  id: string;
  at: string;
  kind: string;
  message: string;
}

export function VmDetail({ initial, events }: { initial: VmSummary; events: VmEventRow[] }) {
  const { data: vm } = useVm(initial);
  const router = useRouter();
  // New lifecycle events are written server-side with each change: re-read them when it changes.
  const lastState = useRef(vm.state);
  useEffect(() => {
    if (lastState.current !== vm.state) router.refresh();
    lastState.current = vm.state;
  }, [vm.state, router]);

  return (
    <>
      <PageHeader
        title={vm.name}
        description={`on ${vm.hostName} · UUID ${vm.uuid}`}
        actions={
          <div className="flex items-center gap-4">
            <LiveIndicator />
            <Link
              href="/vms"
              className="text-sm text-indigo-600 hover:underline dark:text-indigo-400"
            >
              ← All VMs
            </Link>
          </div>
        }
      />
      <div className="mb-6 flex flex-wrap items-center gap-4">
        <StateBadge state={vm.state} reason={vm.stateReason} />
        {vm.gone ? (
          <>
            <span className="text-sm text-zinc-500">This VM is no longer on {vm.hostName}.</span>
            <ForgetVmButton vm={vm} />
          </>
        ) : (
          <>
            <VmActionButtons vm={vm} />
            <CloneVmButton vm={vm} />
            <DeleteVmButton vm={vm} />
          </>
        )}
      </div>
      <div className="grid gap-4 lg:grid-cols-2">
        <VmOverview vm={vm} />
        <Card title="Tags and notes">
          <VmLabelsForm vm={vm} />
        </Card>
        <VmDevices vm={vm} />
        {vm.gone ? null : <VmNics vm={vm} />}
        {vm.gone ? null : <VmSnapshots vm={vm} />}
        {vm.gone ? null : <VmEdit vm={vm} />}
        {vm.gone ? null : <VmEditDisks vm={vm} />}
        {vm.gone ? null : <VmEditXml vm={vm} />}
        <Card title="Recent events">
          {events.length === 0 ? (
            <p className="text-sm text-zinc-500">No events recorded yet.</p>
          ) : (
            <ul className="space-y-1 text-sm" data-testid="vm-events">
              {events.map((e) => (
                <li key={e.id} className="flex gap-3">
                  <time className="shrink-0 font-mono text-xs text-zinc-500" dateTime={e.at}>
                    {formatUtc(e.at)}
                  </time>
                  <span>{e.message}</span>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
      {vm.gone ? null : <VmXml vmId={vm.id} />}
    </>
  );
}
