"use client";
import { useState } from "react";
import { VolumeSelect } from "@/components/storage/volume-select";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Field } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import { useRun } from "@/components/ui/use-run";
import {
  bootOrderAction,
  detachDiskAction,
  vmCdromAction,
  vmResourcesAction,
} from "@/lib/actions/vm-config";
import { formatKiB } from "@/lib/format";
import type { DiskSummary, VmSummary } from "@/lib/inventory/summaries";
import { useVmAccess } from "@/lib/queries/access";
import { useVm } from "@/lib/queries/vms";
import { AttachDiskForm } from "./attach-disk-form";
import { HardwareRow } from "./hardware-row";
import { AddNicForm, NicRows } from "./nic-rows";
import { PendingValue, pendingOf } from "./pending-value";

const BOOT_ORDERS = ["hd", "cdrom,hd", "hd,cdrom", "network,hd"] as const;
type Order = (typeof BOOT_ORDERS)[number];

function EditButton({
  open,
  onClick,
  label,
  gate,
}: {
  open: boolean;
  onClick: () => void;
  label: string;
  gate: { disabled?: true; title?: string };
}) {
  return (
    <Button
      variant="secondary"
      className="px-2 py-1 text-xs"
      onClick={onClick}
      aria-label={label}
      {...gate}
    >
      {open ? "Cancel" : "Edit"}
    </Button>
  );
}

function diskLine(d: DiskSummary): string {
  return [d.bus, d.format].filter(Boolean).join(" · ");
}

/**
 * Everything the VM is made of, in one list (Proxmox's Hardware tab): vCPUs, memory, boot order,
 * disks, CD-ROMs, NICs and the screen, each changed where it is shown. Values saved for the next
 * boot of a running VM are marked as pending until it restarts.
 */
export function VmHardware({ initial }: { initial: VmSummary }) {
  const { data: vm } = useVm(initial);
  const { can, gate } = useVmAccess(vm);
  const { run, pending } = useRun("edit-message");
  const disks = useRun("disks-message");
  const [editing, setEditing] = useState<string | null>(null);
  const [detach, setDetach] = useState<string | null>(null);
  const [adding, setAdding] = useState<"disk" | "nic" | null>(null);
  const toggle = (what: string) => setEditing((e) => (e === what ? null : what));
  const live = !vm.gone;

  // An edit of one keeps the other as the next boot will have it (its pending value, if any).
  const nextVcpus = Number(pendingOf(vm, "vcpus")?.to ?? vm.vcpus);
  const nextMemoryMib = Math.round(Number(pendingOf(vm, "memory")?.to ?? vm.maxMemoryKiB) / 1024);
  const [vcpus, setVcpus] = useState(String(nextVcpus));
  const [memoryMib, setMemoryMib] = useState(String(nextMemoryMib));
  const nextBoot = pendingOf(vm, "boot")?.to ?? vm.bootOrder.join(", ");
  const [order, setOrder] = useState<Order>(
    (BOOT_ORDERS as readonly string[]).includes(nextBoot.replaceAll(" ", ""))
      ? (nextBoot.replaceAll(" ", "") as Order)
      : "hd",
  );
  const [media, setMedia] = useState<Record<string, string>>({});

  const saveResources = (next: { vcpus: string | number; memoryMib: string | number }) =>
    run(
      () => vmResourcesAction({ id: vm.id, ...next }),
      ({ live: now, nextBoot: later }) =>
        now.length === 0 && later.length === 0
          ? "Saved; applies at the next boot."
          : `Saved. Applied now: ${now.join(", ") || "nothing"}; at the next boot: ${later.join(", ") || "nothing else"}.`,
      () => setEditing(null),
    );

  const cdrom = (target: string, path: string) =>
    run(
      () => vmCdromAction({ id: vm.id, target, path }),
      path ? `Inserted ${path} in ${target}.` : `Ejected ${target}.`,
      () => setEditing(null),
    );

  const memoryInUse =
    vm.memoryKiB !== vm.maxMemoryKiB && vm.memoryKiB > 0
      ? ` (balloon: ${formatKiB(vm.memoryKiB)} in use)`
      : "";
  const addedDisks = vm.pending.filter((p) => p.field === "disk" && p.from === null);

  return (
    <section
      aria-label="Hardware"
      className="rounded-lg border border-zinc-200 bg-white px-5 shadow-sm dark:border-zinc-800 dark:bg-zinc-900"
    >
      <ul className="divide-y divide-zinc-200 dark:divide-zinc-800">
        <HardwareRow
          label="Processors"
          testId="hw-vcpus"
          actions={
            live ? (
              <EditButton
                open={editing === "vcpus"}
                onClick={() => toggle("vcpus")}
                label="Edit vCPUs"
                gate={gate("VM.Config.CPU")}
              />
            ) : null
          }
          editor={
            editing === "vcpus" ? (
              <form
                aria-label="vCPUs"
                className="flex flex-wrap items-end gap-2"
                onSubmit={(e) => {
                  e.preventDefault();
                  saveResources({ vcpus, memoryMib: nextMemoryMib });
                }}
              >
                <Field
                  label="vCPUs"
                  name="edit-vcpus"
                  type="number"
                  min={1}
                  value={vcpus}
                  onChange={(e) => setVcpus(e.target.value)}
                />
                <Button type="submit" disabled={pending}>
                  Save vCPUs
                </Button>
              </form>
            ) : null
          }
        >
          {vm.vcpus} vCPU{vm.vcpus === 1 ? "" : "s"}
          <PendingValue change={pendingOf(vm, "vcpus")} />
        </HardwareRow>
        <HardwareRow
          label="Memory"
          testId="hw-memory"
          actions={
            live ? (
              <EditButton
                open={editing === "memory"}
                onClick={() => toggle("memory")}
                label="Edit memory"
                gate={gate("VM.Config.Memory")}
              />
            ) : null
          }
          editor={
            editing === "memory" ? (
              <form
                aria-label="Memory"
                className="flex flex-wrap items-end gap-2"
                onSubmit={(e) => {
                  e.preventDefault();
                  saveResources({ vcpus: nextVcpus, memoryMib });
                }}
              >
                <Field
                  label="Memory (MiB)"
                  name="edit-memory"
                  type="number"
                  min={32}
                  value={memoryMib}
                  onChange={(e) => setMemoryMib(e.target.value)}
                />
                <Button type="submit" disabled={pending}>
                  Save memory
                </Button>
              </form>
            ) : null
          }
        >
          {formatKiB(vm.maxMemoryKiB)}
          {memoryInUse}
          <PendingValue change={pendingOf(vm, "memory")} show={(v) => formatKiB(Number(v))} />
        </HardwareRow>
        <HardwareRow
          label="Boot order"
          testId="hw-boot"
          actions={
            live ? (
              <EditButton
                open={editing === "boot"}
                onClick={() => toggle("boot")}
                label="Edit boot order"
                gate={gate("VM.Config.Disk")}
              />
            ) : null
          }
          editor={
            editing === "boot" ? (
              <div className="flex flex-wrap items-end gap-2">
                <SelectField
                  label="Boot order"
                  id="boot-order"
                  value={order}
                  onChange={(e) => setOrder(e.target.value as Order)}
                >
                  {BOOT_ORDERS.map((o) => (
                    <option key={o} value={o}>
                      {o.replace(",", " then ")}
                    </option>
                  ))}
                </SelectField>
                <Button
                  disabled={disks.pending}
                  onClick={() =>
                    disks.run(
                      () =>
                        bootOrderAction({
                          id: vm.id,
                          order: order.split(",") as ("hd" | "cdrom" | "network")[],
                        }),
                      "Boot order saved (applies at the next boot).",
                      () => setEditing(null),
                    )
                  }
                >
                  Save boot order
                </Button>
              </div>
            ) : null
          }
        >
          {vm.bootOrder.length ? vm.bootOrder.join(" then ") : "set per device"}
          <PendingValue change={pendingOf(vm, "boot")} show={(v) => v.replace(", ", " then ")} />
        </HardwareRow>
        {vm.disks.map((d) =>
          d.device === "cdrom" ? (
            <HardwareRow
              key={d.target}
              label={`CD-ROM ${d.target}`}
              testId="cdrom-drive"
              target={d.target}
              actions={
                live ? (
                  <>
                    <EditButton
                      open={editing === `cd-${d.target}`}
                      onClick={() => toggle(`cd-${d.target}`)}
                      label={`Change medium of ${d.target}`}
                      gate={gate("VM.Config.CDROM")}
                    />
                    <Button
                      variant="secondary"
                      className="px-2 py-1 text-xs"
                      disabled={pending || !d.source || !can("VM.Config.CDROM")}
                      title={can("VM.Config.CDROM") ? undefined : "Needs VM.Config.CDROM"}
                      onClick={() => cdrom(d.target, "")}
                    >
                      Eject
                    </Button>
                  </>
                ) : null
              }
              editor={
                editing === `cd-${d.target}` ? (
                  <div className="flex flex-wrap items-end gap-2">
                    <div className="min-w-72 grow">
                      <VolumeSelect
                        hostId={vm.hostId}
                        kind="iso"
                        label={`Medium for ${d.target}`}
                        value={media[d.target] ?? ""}
                        onChange={(path) => setMedia({ ...media, [d.target]: path })}
                      />
                    </div>
                    <Button
                      disabled={pending || !media[d.target]}
                      onClick={() => cdrom(d.target, media[d.target] ?? "")}
                    >
                      Insert
                    </Button>
                  </div>
                ) : null
              }
            >
              <span
                className="font-mono text-xs [overflow-wrap:anywhere]"
                data-testid="cdrom-medium"
              >
                {d.source ?? "empty"}
              </span>
              <span className="ml-2 text-xs text-zinc-500">{d.bus}</span>
              <PendingValue change={pendingOf(vm, "disk", d.target)} />
            </HardwareRow>
          ) : (
            <HardwareRow
              key={d.target}
              label={`Disk ${d.target}`}
              testId="hw-disk"
              target={d.target}
              actions={
                live ? (
                  <Button
                    variant="secondary"
                    className="px-2 py-1 text-xs"
                    onClick={() => setDetach(d.target)}
                    disabled={disks.pending}
                    {...gate("VM.Config.Disk")}
                  >
                    Detach {d.target}
                  </Button>
                ) : null
              }
            >
              <span className="font-mono text-xs [overflow-wrap:anywhere]">{d.source ?? "—"}</span>
              <span className="ml-2 text-xs text-zinc-500">{diskLine(d)}</span>
              <PendingValue change={pendingOf(vm, "disk", d.target)} />
            </HardwareRow>
          ),
        )}
        {addedDisks.map((p) => (
          <HardwareRow key={`next-${p.key}`} label={`Disk ${p.key}`} testId="hw-disk-next">
            <PendingValue change={p} />
          </HardwareRow>
        ))}
        <NicRows vm={vm} />
        {vm.graphics.map((g) => (
          <HardwareRow key={`${g.type}-${g.port}`} label="Screen">
            {g.type.toUpperCase()}{" "}
            {g.port
              ? `on ${g.listen ?? "*"}:${g.port}`
              : vm.state === "shut off"
                ? "(port assigned at start)"
                : ""}
          </HardwareRow>
        ))}
      </ul>
      {live ? (
        <div className="border-t border-zinc-200 py-4 dark:border-zinc-800">
          {adding === "disk" ? (
            <AttachDiskForm vm={vm} onDone={() => setAdding(null)} />
          ) : adding === "nic" ? (
            <AddNicForm vm={vm} onDone={() => setAdding(null)} />
          ) : (
            <div className="flex flex-wrap gap-2">
              <Button
                variant="secondary"
                onClick={() => setAdding("disk")}
                {...gate("VM.Config.Disk")}
              >
                Add disk
              </Button>
              <Button
                variant="secondary"
                onClick={() => setAdding("nic")}
                {...gate("VM.Config.Network")}
              >
                Add network interface
              </Button>
            </div>
          )}
        </div>
      ) : null}
      <ConfirmDialog
        open={detach !== null}
        title={`Detach ${detach}?`}
        confirmLabel="Detach"
        busy={disks.pending}
        onCancel={() => setDetach(null)}
        onConfirm={() => {
          const target = detach;
          setDetach(null);
          if (target)
            disks.run(() => detachDiskAction({ id: vm.id, target }), `Detached ${target}.`);
        }}
      >
        The disk is removed from the VM (at once if it is running); its volume stays in its pool.
      </ConfirmDialog>
    </section>
  );
}
