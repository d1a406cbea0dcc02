"use client";
// The choices of a migration of several VMs (a host's evacuation, a selection in the VM list):
// where they go, how their disks travel, how many at a time. Once started it shows the parent
// task's bar and its child tasks, one per VM, live; closing the dialog stops nothing.
import { type ReactNode, useState } from "react";
import { TaskInDialog } from "@/components/tasks/task-in-dialog";
import { TaskTable } from "@/components/tasks/task-table";
import { useStartTask } from "@/components/tasks/use-start-task";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Field } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import type { ActionResult } from "@/lib/actions/result";
import { useHostChoices } from "@/lib/queries/hosts";
import { useTask, useTasks } from "@/lib/queries/tasks";
import type { TaskSummary } from "@/lib/tasks/summary";

/** What every VM of the run is migrated with. */
export interface ManyChoices {
  /** A host id; "" when each VM goes to the host with the most free memory. */
  target: string;
  storage: "shared" | "copy";
  pool: string;
  concurrency: number;
}

const AUTO = "";

export function MigrateManyDialog({
  open,
  title,
  confirmLabel,
  intro,
  exclude,
  allowAuto,
  extra,
  onStart,
  onClose,
}: {
  open: boolean;
  title: string;
  confirmLabel: string;
  intro: ReactNode;
  /** Hosts that cannot be the target (the one being evacuated). */
  exclude: string[];
  /** Offer "the host with the most free memory, per VM". */
  allowAuto: boolean;
  /** Further choices above the disks (maintenance, shut-off VMs). */
  extra?: ReactNode;
  onStart: (choices: ManyChoices) => Promise<ActionResult<TaskSummary>>;
  onClose: () => void;
}) {
  const { data: hosts = [] } = useHostChoices(open);
  const targets = hosts.filter((h) => !exclude.includes(h.id));
  const usable = targets.filter((h) => h.status === "online" && !h.maintenance);
  const [target, setTarget] = useState<string | null>(null);
  const [storage, setStorage] = useState<"shared" | "copy">("copy");
  const [pool, setPool] = useState("default");
  const [concurrency, setConcurrency] = useState("2");
  const [error, setError] = useState<string | null>(null);
  const [started, setStarted] = useState<TaskSummary | null>(null);
  const { data: task } = useTask(started?.id ?? null, started ?? undefined);
  const { start, pending } = useStartTask("migrate-many-outcome");
  const chosen = target ?? (allowAuto ? AUTO : (usable[0]?.id ?? ""));
  const running = task !== undefined && task.state === "running";

  const begin = () => {
    setError(null);
    start(
      () => onStart({ target: chosen, storage, pool, concurrency: Number(concurrency) || 1 }),
      `${title}: done`,
      setStarted,
      setError,
    );
  };
  const close = () => {
    setStarted(null);
    setError(null);
    onClose();
  };

  return (
    <ConfirmDialog
      open={open}
      wide
      tone="primary"
      title={title}
      confirmLabel={confirmLabel}
      busy={pending || running}
      confirmDisabled={!allowAuto && !chosen}
      started={started !== null}
      onConfirm={begin}
      onCancel={close}
    >
      {started && task ? (
        <TaskInDialog task={task} testId="migrate-many-progress">
          <ChildTasks parent={task.id} />
        </TaskInDialog>
      ) : (
        <div className="flex flex-col gap-3">
          <div className="text-sm">{intro}</div>
          {extra}
          <SelectField
            label="Target host"
            id="migrate-many-target"
            value={chosen}
            onChange={(e) => setTarget(e.target.value)}
          >
            {allowAuto ? (
              <option value={AUTO}>Each VM to the host with the most free memory</option>
            ) : null}
            {targets.map((h) => (
              <option key={h.id} value={h.id} disabled={h.maintenance || h.status !== "online"}>
                {h.name} ({h.maintenance ? "maintenance" : h.status})
              </option>
            ))}
          </SelectField>
          <fieldset className="flex flex-col gap-1">
            <legend className="text-sm font-medium text-zinc-700 dark:text-zinc-300">Disks</legend>
            <label className="flex items-center gap-2">
              <input
                type="radio"
                name="migrate-many-storage"
                checked={storage === "copy"}
                onChange={() => setStorage("copy")}
              />
              Copy all disks to the target (running VMs)
            </label>
            <label className="flex items-center gap-2">
              <input
                type="radio"
                name="migrate-many-storage"
                checked={storage === "shared"}
                onChange={() => setStorage("shared")}
              />
              Shared storage: the disks are at the same paths on every host
            </label>
          </fieldset>
          <div className="grid grid-cols-2 gap-3">
            {storage === "copy" ? (
              <Field
                label="Target pool"
                name="pool"
                value={pool}
                hint="By name, on whichever host each VM goes to"
                onChange={(e) => setPool(e.target.value)}
              />
            ) : (
              <span />
            )}
            <Field
              label="Migrations at a time"
              name="concurrency"
              inputMode="numeric"
              value={concurrency}
              hint="1 to 4"
              onChange={(e) => setConcurrency(e.target.value)}
            />
          </div>
          <p className="text-xs text-zinc-500 dark:text-zinc-400">
            Each VM is checked before it moves (CPU, networks, memory, pool space, name); one that
            fails its checks stays and is named in the task&apos;s result.
          </p>
          {error ? (
            <p role="alert" className="text-red-600 dark:text-red-400">
              {error}
            </p>
          ) : null}
        </div>
      )}
    </ConfirmDialog>
  );
}

/** The run's child tasks (one per VM), live. */
function ChildTasks({ parent }: { parent: string }) {
  const { data: children = [] } = useTasks({ parent, limit: 100 });
  return children.length > 0 ? (
    <TaskTable tasks={children} label="Migrations of this task" showObject={false} />
  ) : null;
}
