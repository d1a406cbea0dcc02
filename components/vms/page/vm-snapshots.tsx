"use client";
import { useEffect, useState, useTransition } from "react";
import { TaskProgress } from "@/components/tasks/task-progress";
import { useStartTask } from "@/components/tasks/use-start-task";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Field } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import {
  createSnapshotAction,
  deleteSnapshotAction,
  revertSnapshotAction,
} from "@/lib/actions/snapshots";
import { formatUtc } from "@/lib/format";
import type { VmSummary } from "@/lib/inventory/summaries";
import { useVmAccess } from "@/lib/queries/access";
import { useTask } from "@/lib/queries/tasks";
import { useSnapshots, useVm } from "@/lib/queries/vms";
import { isFinished, type TaskSummary } from "@/lib/tasks/summary";
import type { SnapshotRow } from "@/lib/vms/snapshots";

type Pending = { kind: "revert" | "delete"; name: string } | null;

/** The Snapshots tab: the VM's snapshot tree, taking, reverting and deleting them. */
export function VmSnapshotsTab({ initial }: { initial: VmSummary }) {
  const { data: vm } = useVm(initial);
  const { gate } = useVmAccess(vm);
  const query = useSnapshots(vm.id);
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const [memory, setMemory] = useState(true);
  const [confirm, setConfirm] = useState<Pending>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const running = vm.state !== "shut off";
  // Taking and reverting are tasks: followed here until they end, then the tree is read again.
  const [started, setStarted] = useState<TaskSummary | null>(null);
  const { data: task } = useTask(started?.id ?? null, started ?? undefined);
  const { start, pending: starting } = useStartTask("snapshot-outcome");
  const working = task !== undefined && !isFinished(task.state);
  const busy = pending || starting || working;
  const { reread } = query;
  useEffect(() => {
    if (!task || !isFinished(task.state)) return;
    setStarted(null);
    setConfirm(null);
    if (task.error) setError(task.error);
    void reread();
  }, [task, reread]);

  const run = (work: () => Promise<{ ok: boolean; error?: string }>) =>
    startTransition(async () => {
      setError(null);
      const result = await work();
      setConfirm(null);
      if (!result.ok) setError(result.error ?? "Failed");
      await query.reread();
    });

  const create = () => {
    setError(null);
    start(
      () => createSnapshotAction({ id: vm.id, name, description, memory }),
      `Snapshot ${name} taken`,
      (t) => {
        setName("");
        setStarted(t);
      },
      setError,
    );
  };
  const revert = (ref: { id: string; name: string }) => {
    setError(null);
    start(
      () => revertSnapshotAction(ref),
      `Reverted to ${ref.name}`,
      setStarted,
      (e) => {
        setConfirm(null);
        setError(e);
      },
    );
  };

  const row = (s: SnapshotRow, depth: number) => (
    <li key={s.name} data-testid="snapshot-row" data-name={s.name}>
      <div className="flex flex-wrap items-center gap-2 py-1" style={{ paddingLeft: depth * 16 }}>
        <span className="font-mono text-sm">{s.name}</span>
        {s.current ? (
          <span className="rounded bg-indigo-100 px-1 text-xs text-indigo-800">current</span>
        ) : null}
        <span className="text-xs text-zinc-500">
          {s.state}
          {s.memory ? ", with memory" : ""} · {s.createdAt ? formatUtc(s.createdAt) : ""}
        </span>
        {s.description ? <span className="text-xs">{s.description}</span> : null}
        <Button
          variant="secondary"
          onClick={() => setConfirm({ kind: "revert", name: s.name })}
          {...gate("VM.Snapshot")}
        >
          Revert
        </Button>
        <Button
          variant="ghost"
          onClick={() => setConfirm({ kind: "delete", name: s.name })}
          {...gate("VM.Snapshot")}
        >
          Delete
        </Button>
      </div>
      {s.children.length ? <ul>{s.children.map((c) => row(c, depth + 1))}</ul> : null}
    </li>
  );

  return (
    <Card title="Snapshots">
      <form
        aria-label="Create snapshot"
        className="mb-4 flex max-w-xl flex-col gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          create();
        }}
      >
        <Field
          label="Snapshot name"
          name="snapshot-name"
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        <Field
          label="Snapshot description"
          name="snapshot-description"
          value={description}
          onChange={(e) => setDescription(e.target.value)}
        />
        {running ? (
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" checked={memory} onChange={(e) => setMemory(e.target.checked)} />
            Include memory (the VM resumes where it was)
          </label>
        ) : null}
        <div>
          <Button type="submit" disabled={busy || !name} {...gate("VM.Snapshot")}>
            {busy ? "Working…" : "Take snapshot"}
          </Button>
        </div>
      </form>
      {working && task ? (
        <div className="mb-4 max-w-xl" data-testid="snapshot-task">
          <TaskProgress task={task} />
        </div>
      ) : null}
      <FormError message={error ?? (query.error ? query.error.message : null)} />
      {query.data?.length === 0 ? <p className="text-sm text-zinc-500">No snapshots.</p> : null}
      <ul data-testid="snapshot-tree">{query.data?.map((s) => row(s, 0))}</ul>
      <ConfirmDialog
        open={confirm !== null}
        title={
          confirm?.kind === "revert"
            ? `Revert to ${confirm.name}?`
            : `Delete snapshot ${confirm?.name}?`
        }
        confirmLabel={confirm?.kind === "revert" ? "Revert" : "Delete snapshot"}
        busy={busy}
        onCancel={() => setConfirm(null)}
        onConfirm={() => {
          const c = confirm;
          if (!c) return;
          const ref = { id: vm.id, name: c.name };
          if (c.kind === "revert") revert(ref);
          else run(() => deleteSnapshotAction(ref));
        }}
      >
        {confirm?.kind === "revert"
          ? "Everything the VM changed since this snapshot is lost: its disks and (if taken with memory) its running state go back."
          : "The snapshot's data is removed from the disk images. The VM itself is not changed."}
      </ConfirmDialog>
    </Card>
  );
}
