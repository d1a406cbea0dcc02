"use client";
import { useState, useTransition } from "react";
import { PoolSelect, VolumeSelect } from "@/components/storage/volume-select";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Field } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { attachDiskAction, bootOrderAction, detachDiskAction } from "@/lib/actions/vm-config";
import type { VmSummary } from "@/lib/inventory/summaries";
import { useVmAccess } from "@/lib/queries/access";
import { Choice, Select } from "./create/inputs";

const BOOT_ORDERS = ["hd", "cdrom,hd", "hd,cdrom", "network,hd"] as const;
type Order = (typeof BOOT_ORDERS)[number];

/** Attach a new or existing volume, detach a disk (its volume stays), and the boot order. */
export function VmEditDisks({ vm }: { vm: VmSummary }) {
  const { gate } = useVmAccess(vm);
  const [mode, setMode] = useState<"new" | "existing">("new");
  const [pool, setPool] = useState("");
  const [sizeGib, setSizeGib] = useState("10");
  const [path, setPath] = useState("");
  const [bus, setBus] = useState<"virtio" | "sata">("virtio");
  const [order, setOrder] = useState<Order>("hd");
  const [detach, setDetach] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const disks = vm.disks.filter((d) => d.device === "disk");

  const run = (work: () => Promise<{ ok: boolean; error?: string }>, done: string) =>
    startTransition(async () => {
      setError(null);
      setMessage(null);
      const r = await work();
      setDetach(null);
      if (!r.ok) return setError(r.error ?? "Failed");
      setMessage(done);
    });

  const attach = () =>
    run(
      () =>
        attachDiskAction({
          id: vm.id,
          bus,
          source: mode === "new" ? { mode, pool, sizeGib, format: "qcow2" } : { mode, path },
        }),
      "Disk attached.",
    );

  return (
    <Card title="Disks and boot order">
      {/* Attach, detach and boot order all need VM.Config.Disk. */}
      <ul className="mb-4 space-y-1 text-sm" data-testid="edit-disks">
        {disks.map((d) => (
          <li key={d.target} className="flex items-center gap-2">
            <span className="font-mono text-xs">
              {d.target}: {d.source}
            </span>
            <Button variant="ghost" onClick={() => setDetach(d.target)} {...gate("VM.Config.Disk")}>
              Detach {d.target}
            </Button>
          </li>
        ))}
      </ul>
      <form
        aria-label="Attach disk"
        className="flex flex-col gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          attach();
        }}
      >
        <Choice
          legend="Attach"
          value={mode}
          options={[
            { value: "new", label: "A new qcow2 volume" },
            { value: "existing", label: "An existing volume" },
          ]}
          onChange={setMode}
        />
        {mode === "new" ? (
          <div className="grid grid-cols-2 gap-3">
            <PoolSelect hostId={vm.hostId} label="Pool" value={pool} onChange={setPool} />
            <Field
              label="Size (GiB)"
              name="attach-size"
              value={sizeGib}
              onChange={(e) => setSizeGib(e.target.value)}
            />
          </div>
        ) : (
          <VolumeSelect
            hostId={vm.hostId}
            kind="disk"
            label="Volume"
            value={path}
            onChange={setPath}
          />
        )}
        <Select label="Bus" value={bus} onChange={(v) => setBus(v as "virtio" | "sata")}>
          <option value="virtio">virtio</option>
          <option value="sata">SATA</option>
        </Select>
        <div>
          <Button type="submit" disabled={pending} {...gate("VM.Config.Disk")}>
            Attach disk
          </Button>
        </div>
      </form>
      <div className="mt-4 flex items-end gap-2">
        <Select label="Boot order" value={order} onChange={(v) => setOrder(v as Order)}>
          {BOOT_ORDERS.map((o) => (
            <option key={o} value={o}>
              {o.replace(",", " then ")}
            </option>
          ))}
        </Select>
        <Button
          variant="secondary"
          disabled={pending}
          {...gate("VM.Config.Disk")}
          onClick={() =>
            run(
              () =>
                bootOrderAction({
                  id: vm.id,
                  order: order.split(",") as ("hd" | "cdrom" | "network")[],
                }),
              "Boot order saved (applies at the next boot).",
            )
          }
        >
          Save boot order
        </Button>
      </div>
      {message ? (
        <p role="status" data-testid="disks-message" className="mt-3 text-sm">
          {message}
        </p>
      ) : null}
      <div className="mt-3">
        <FormError message={error} />
      </div>
      <ConfirmDialog
        open={detach !== null}
        title={`Detach ${detach}?`}
        confirmLabel="Detach"
        busy={pending}
        onCancel={() => setDetach(null)}
        onConfirm={() => {
          const target = detach;
          if (target) run(() => detachDiskAction({ id: vm.id, target }), `Detached ${target}.`);
        }}
      >
        The disk is removed from the VM (at once if it is running); its volume stays in its pool.
      </ConfirmDialog>
    </Card>
  );
}
