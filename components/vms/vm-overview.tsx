"use client";
import { useEffect, useState, useTransition } from "react";
import { Card } from "@/components/ui/card";
import { vmAutostartAction } from "@/lib/actions/vms";
import { formatDuration, formatKiB } from "@/lib/format";
import type { VmSummary } from "@/lib/inventory/summaries";
import { useVmAccess } from "@/lib/queries/access";

function Uptime({ since }: { since: string | null }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, []);
  if (!since) return <>—</>;
  return <>{formatDuration((now - Date.parse(since)) / 1000)} (seen running by Virtdeck)</>;
}

export function VmOverview({ vm }: { vm: VmSummary }) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const { can } = useVmAccess(vm);
  const toggleAutostart = () =>
    startTransition(async () => {
      const result = await vmAutostartAction({ id: vm.id, autostart: !vm.autostart });
      setError(result.ok ? null : result.error);
    });
  const rows: [string, React.ReactNode][] = [
    ["State", vm.stateReason ? `${vm.state} (${vm.stateReason})` : vm.state],
    ["Uptime", <Uptime key="u" since={vm.startedAt} />],
    ["vCPUs", vm.vcpus],
    [
      "Memory",
      vm.memoryKiB !== vm.maxMemoryKiB && vm.memoryKiB > 0
        ? `${formatKiB(vm.memoryKiB)} of ${formatKiB(vm.maxMemoryKiB)}`
        : formatKiB(vm.maxMemoryKiB),
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
        {error ? (
          <span role="alert" className="text-red-600 dark:text-red-400">
            {error}
          </span>
        ) : null}
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
