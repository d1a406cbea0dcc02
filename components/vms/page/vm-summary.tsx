"use client";
import Link from "next/link";
import { ConsoleLinks } from "@/components/consoles/console-links";
import { Card } from "@/components/ui/card";
import { LINK } from "@/components/ui/link-style";
import { formatKiB } from "@/lib/format";
import type { PendingChange } from "@/lib/inventory/pending";
import type { VmSummary } from "@/lib/inventory/summaries";
import { useVm } from "@/lib/queries/vms";
import { VmLabelsForm } from "../vm-labels-form";
import { VmOverview } from "./vm-overview";

const FIELD_WORDS: Record<PendingChange["field"], string> = {
  vcpus: "vCPUs",
  memory: "Memory",
  boot: "Boot order",
  disk: "Disk",
  nic: "NIC",
};

function changeWords(p: PendingChange): string {
  const show = (v: string) => (p.field === "memory" ? formatKiB(Number(v)) : v);
  const what = p.key ? `${FIELD_WORDS[p.field]} ${p.key}` : FIELD_WORDS[p.field];
  if (p.from === null) return `${what}: added (${show(p.to ?? "")})`;
  if (p.to === null) return `${what}: removed`;
  return `${what}: ${show(p.from)} → ${show(p.to)}`;
}

/** The first tab: state and key facts, the screen, what waits for the next boot, tags and notes. */
export function VmSummaryTab({ initial }: { initial: VmSummary }) {
  const { data: vm } = useVm(initial);
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <div className="flex flex-col gap-4">
        <VmOverview vm={vm} />
        {vm.pending.length > 0 ? (
          <Card title="Waiting for the next boot">
            <p className="mb-2 text-sm text-zinc-600 dark:text-zinc-400">
              Saved in the definition; the running VM gets them when it is shut down and started
              again (a reboot from inside the guest keeps the running configuration).
            </p>
            <ul className="space-y-1 text-sm" data-testid="pending-changes">
              {vm.pending.map((p) => (
                <li key={`${p.field}-${p.key}`} className="text-amber-800 dark:text-amber-300">
                  {changeWords(p)}
                </li>
              ))}
            </ul>
            <Link href={`/vms/${vm.id}/hardware`} className={`mt-2 inline-block text-sm ${LINK}`}>
              See them in Hardware
            </Link>
          </Card>
        ) : null}
      </div>
      <div className="flex flex-col gap-4">
        {vm.gone ? null : (
          <Card title="Console">
            <ConsoleLinks vm={vm} />
          </Card>
        )}
        <Card title="Tags and notes">
          <VmLabelsForm vm={vm} />
        </Card>
      </div>
    </div>
  );
}
