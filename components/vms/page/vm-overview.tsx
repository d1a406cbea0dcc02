"use client";
import { useEffect, useState } from "react";
import { Card } from "@/components/ui/card";
import { useRun } from "@/components/ui/use-run";
import { vmAutostartAction } from "@/lib/actions/vms";
import { formatDuration, formatKiB } from "@/lib/format";
import type { VmSummary } from "@/lib/inventory/summaries";
import { useVmAccess } from "@/lib/queries/access";
import { PendingValue, pendingOf } from "./pending-value";

/**
 * Counted from the browser's clock once mounted: a first render from Date.now() would differ
 * between the server's HTML and the browser's hydration (React's error #418).
 */
function Uptime({ since }: { since: string | null }) {
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    setNow(Date.now());
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, []);
  if (!since) return <>—</>;
  if (now === null) return <>…</>;
  return <>{formatDuration((now - Date.parse(since)) / 1000)} (seen running by Virtdeck)</>;
}

/** The key facts of the Summary tab, with what the next boot changes marked beside its value. */
export function VmOverview({ vm }: { vm: VmSummary }) {
  const { run, pending } = useRun("autostart-outcome");
  const { can } = useVmAccess(vm);
  const toggleAutostart = () =>
    run(
      () => vmAutostartAction({ id: vm.id, autostart: !vm.autostart }),
      (r) => `Autostart ${r.autostart ? "on" : "off"}`,
    );
  const addresses = vm.nics.flatMap((n) => n.ips);
  const rows: [string, React.ReactNode][] = [
    ["State", vm.stateReason ? `${vm.state} (${vm.stateReason})` : vm.state],
    ["Uptime", <Uptime key="u" since={vm.startedAt} />],
    [
      "vCPUs",
      <span key="c">
        {vm.vcpus}
        <PendingValue change={pendingOf(vm, "vcpus")} />
      </span>,
    ],
    [
      "Memory",
      <span key="m">
        {vm.memoryKiB !== vm.maxMemoryKiB && vm.memoryKiB > 0
          ? `${formatKiB(vm.memoryKiB)} of ${formatKiB(vm.maxMemoryKiB)}`
          : formatKiB(vm.maxMemoryKiB)}
        <PendingValue change={pendingOf(vm, "memory")} show={(v) => formatKiB(Number(v))} />
      </span>,
    ],
    [
      "Addresses",
      <span key="ip" className="font-mono text-xs">
        {addresses.join(", ") ||
          (vm.state === "shut off" || vm.gone || vm.nics.length === 0
            ? "—"
            : "waiting for a lease…")}
      </span>,
    ],
    ["Host", vm.hostName],
    ["OS", vm.osHint ?? "—"],
    ["Persistent", vm.persistent ? "yes" : "no (transient)"],
    [
      "Autostart",
      <label key="a" className="inline-flex items-center gap-2">
        <input
          type="checkbox"
          checked={vm.autostart}
          disabled={pending || vm.gone || !vm.persistent || !can("VM.Config.Options")}
          title={can("VM.Config.Options") ? undefined : "Needs VM.Config.Options"}
          onChange={toggleAutostart}
          aria-label="Autostart with the host"
        />
        {vm.autostart ? "on" : "off"}
      </label>,
    ],
  ];
  return (
    <Card title="Overview">
      <dl className="grid grid-cols-[8rem_1fr] gap-y-2 text-sm">
        {rows.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="text-zinc-500 dark:text-zinc-400">{label}</dt>
            <dd data-testid={`vm-field-${label.toLowerCase()}`}>{value}</dd>
          </div>
        ))}
      </dl>
    </Card>
  );
}
