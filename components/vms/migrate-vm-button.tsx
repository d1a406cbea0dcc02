"use client";
// Migrate a VM to another host: choose the target and how its disks travel, see the pre-flight
// checks in words as the choices change, then follow the migration's task in place (closing the
// dialog stops nothing; Cancel on the task page aborts the job).
import { useEffect, useState } from "react";
import { TaskInDialog } from "@/components/tasks/task-in-dialog";
import { useStartTask } from "@/components/tasks/use-start-task";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Field } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import { migrateVmAction, migrationCheckAction } from "@/lib/actions/migration";
import type { VmSummary } from "@/lib/inventory/summaries";
import { useVmAccess } from "@/lib/queries/access";
import { useHostChoices } from "@/lib/queries/hosts";
import { useTask } from "@/lib/queries/tasks";
import { formatBytes } from "@/lib/storage/sizes";
import type { TaskSummary } from "@/lib/tasks/summary";

interface Check {
  name: string;
  ok: boolean;
  detail: string;
}
interface Checked {
  ok: boolean;
  checks: Check[];
  choices: {
    pools: { name: string; available: number }[];
    networks: string[];
    vmNetworks: string[];
  } | null;
}

const CHECK_DELAY_MS = 250;

export function MigrateVmButton({ vm }: { vm: VmSummary }) {
  const { gate } = useVmAccess(vm);
  const [open, setOpen] = useState(false);
  const { data: hosts = [] } = useHostChoices(open);
  const targets = hosts.filter((h) => h.id !== vm.hostId);
  const running = vm.state === "running" || vm.state === "paused" || vm.state === "idle";
  const hasDisks = vm.disks.some((d) => d.device === "disk" && d.source);
  const [target, setTarget] = useState("");
  const [storage, setStorage] = useState<"shared" | "copy">("shared");
  const [pool, setPool] = useState("");
  const [persist, setPersist] = useState(true);
  const [autoConverge, setAutoConverge] = useState(false);
  const [postCopy, setPostCopy] = useState(false);
  const [bandwidth, setBandwidth] = useState("");
  const [downtime, setDowntime] = useState("");
  const [networks, setNetworks] = useState<Record<string, string>>({});
  const [checked, setChecked] = useState<Checked | null>(null);
  const [checkError, setCheckError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [started, setStarted] = useState<TaskSummary | null>(null);
  const { data: task } = useTask(started?.id ?? null, started ?? undefined);
  const { start, pending } = useStartTask("migrate-outcome");
  const chosenTarget =
    target ||
    targets.find((h) => h.status === "online" && !h.maintenance)?.id ||
    targets[0]?.id ||
    "";
  const input = {
    id: vm.id,
    target: chosenTarget,
    storage,
    pool: storage === "copy" ? pool || undefined : undefined,
    persist,
    autoConverge,
    postCopy,
    bandwidthMib: bandwidth ? Number(bandwidth) : undefined,
    maxDowntimeMs: downtime ? Number(downtime) : undefined,
    networks: Object.fromEntries(Object.entries(networks).filter(([, to]) => to)),
  };
  const key = JSON.stringify(input);

  // The pre-flight checks follow the choices (a moment after the last change).
  useEffect(() => {
    if (!open || !chosenTarget || started) return;
    const timer = setTimeout(async () => {
      const r = await migrationCheckAction(JSON.parse(key));
      if (!r.ok) {
        setChecked(null);
        return setCheckError(r.error);
      }
      setCheckError(null);
      setChecked(r.data);
      const first = r.data.choices?.pools[0]?.name;
      if (!pool && first) setPool(first);
    }, CHECK_DELAY_MS);
    return () => clearTimeout(timer);
  }, [open, key, chosenTarget, started, pool]);

  const begin = () => {
    setError(null);
    start(() => migrateVmAction(input), "Migration: done", setStarted, setError);
  };
  const moving = task !== undefined && task.state === "running";
  const choices = checked?.choices;
  const unmapped = (choices?.vmNetworks ?? []).filter((n) => !choices?.networks.includes(n));

  return (
    <>
      <Button
        variant="secondary"
        onClick={() => {
          setStarted(null);
          setError(null);
          setChecked(null);
          setStorage(hasDisks ? "copy" : "shared");
          setOpen(true);
        }}
        disabled={vm.state === "gone"}
        {...gate("VM.Migrate")}
      >
        Migrate
      </Button>
      <ConfirmDialog
        open={open}
        wide
        tone="primary"
        title={`Migrate ${vm.name}`}
        confirmLabel={running ? "Migrate live" : "Migrate"}
        busy={pending || moving}
        confirmDisabled={!checked?.ok}
        started={started !== null}
        onConfirm={begin}
        onCancel={() => setOpen(false)}
      >
        {started && task ? (
          <TaskInDialog task={task} testId="migration-progress" />
        ) : (
          <div className="flex flex-col gap-3">
            <p>
              {running
                ? "Live: the VM keeps running while its memory is copied; it pauses only for the switch-over."
                : "Offline: its disks are copied first (or found on storage both hosts share), then its definition moves."}
            </p>
            {targets.length === 0 ? (
              <p role="alert">Add another host first: there is no other host to migrate to.</p>
            ) : (
              <SelectField
                label="Target host"
                id="migrate-target"
                value={chosenTarget}
                onChange={(e) => setTarget(e.target.value)}
              >
                {targets.map((h) => (
                  <option key={h.id} value={h.id} disabled={h.maintenance}>
                    {h.name} ({h.maintenance ? "maintenance" : h.status})
                  </option>
                ))}
              </SelectField>
            )}
            <fieldset className="flex flex-col gap-1">
              <legend className="text-sm font-medium text-zinc-700 dark:text-zinc-300">
                Disks
              </legend>
              <label className="flex items-center gap-2">
                <input
                  type="radio"
                  name="migrate-storage"
                  checked={storage === "shared"}
                  onChange={() => setStorage("shared")}
                />
                Shared storage: the disks are at the same paths on both hosts
              </label>
              <label className="flex items-center gap-2">
                <input
                  type="radio"
                  name="migrate-storage"
                  checked={storage === "copy"}
                  onChange={() => setStorage("copy")}
                />
                Copy all disks to the target
              </label>
            </fieldset>
            {storage === "copy" ? (
              <SelectField
                label="Target pool"
                id="migrate-pool"
                value={pool}
                onChange={(e) => setPool(e.target.value)}
              >
                {(choices?.pools ?? []).map((p) => (
                  <option key={p.name} value={p.name}>
                    {p.name} ({formatBytes(p.available)} free)
                  </option>
                ))}
              </SelectField>
            ) : null}
            {unmapped.map((n) => (
              <SelectField
                key={n}
                label={`Network ${n} on the target`}
                id={`migrate-net-${n}`}
                value={networks[n] ?? ""}
                onChange={(e) => setNetworks({ ...networks, [n]: e.target.value })}
              >
                <option value="">(choose a network)</option>
                {(choices?.networks ?? []).map((t) => (
                  <option key={t} value={t}>
                    {t}
                  </option>
                ))}
              </SelectField>
            ))}
            <label className="flex items-center gap-2">
              <input
                type="checkbox"
                checked={persist}
                onChange={(e) => setPersist(e.target.checked)}
              />
              Keep it on the target and remove it from the source
            </label>
            {running ? (
              <details>
                <summary className="cursor-pointer text-sm">Convergence and limits</summary>
                <div className="mt-2 grid grid-cols-2 gap-3">
                  <label className="col-span-2 flex items-center gap-2">
                    <input
                      type="checkbox"
                      checked={autoConverge}
                      onChange={(e) => setAutoConverge(e.target.checked)}
                    />
                    Auto-converge (slow the guest down if memory changes faster than it is sent)
                  </label>
                  <label className="col-span-2 flex items-center gap-2">
                    <input
                      type="checkbox"
                      checked={postCopy}
                      onChange={(e) => setPostCopy(e.target.checked)}
                    />
                    Switch to post-copy if it does not converge
                  </label>
                  <Field
                    label="Bandwidth limit (MiB/s)"
                    name="bandwidth"
                    inputMode="numeric"
                    value={bandwidth}
                    placeholder="no limit"
                    onChange={(e) => setBandwidth(e.target.value)}
                  />
                  <Field
                    label="Maximum downtime (ms)"
                    name="downtime"
                    inputMode="numeric"
                    value={downtime}
                    placeholder="QEMU's default"
                    onChange={(e) => setDowntime(e.target.value)}
                  />
                </div>
              </details>
            ) : null}
            <ul
              aria-label="Pre-flight checks"
              data-testid="preflight"
              className="flex flex-col gap-1 rounded-md border border-zinc-200 p-2 text-xs dark:border-zinc-700"
            >
              {checked === null && !checkError ? <li>Checking…</li> : null}
              {checkError ? <li className="text-red-700 dark:text-red-400">{checkError}</li> : null}
              {checked?.checks.map((c) => (
                <li
                  key={c.name}
                  data-testid="preflight-check"
                  data-ok={c.ok}
                  className="flex gap-2"
                >
                  <span aria-hidden className={c.ok ? "text-emerald-600" : "text-red-600"}>
                    {c.ok ? "✓" : "✗"}
                  </span>
                  <span>
                    <strong>{c.name}</strong>: {c.detail}
                  </span>
                </li>
              ))}
            </ul>
            {error ? (
              <p role="alert" className="text-red-600 dark:text-red-400">
                {error}
              </p>
            ) : null}
          </div>
        )}
      </ConfirmDialog>
    </>
  );
}
