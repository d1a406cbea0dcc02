"use client";
import { useState } from "react";
import { PoolSelect, VolumeSelect } from "@/components/storage/volume-select";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import { useRun } from "@/components/ui/use-run";
import { attachDiskAction } from "@/lib/actions/vm-config";
import type { VmSummary } from "@/lib/inventory/summaries";
import { useVmAccess } from "@/lib/queries/access";
import { Choice } from "../create/inputs";

/** Attaches a new qcow2 volume or an existing one (live on a running VM, and in its definition). */
export function AttachDiskForm({ vm, onDone }: { vm: VmSummary; onDone: () => void }) {
  const { gate } = useVmAccess(vm);
  const { run, pending } = useRun("disks-message");
  const [mode, setMode] = useState<"new" | "existing">("new");
  const [pool, setPool] = useState("");
  const [sizeGib, setSizeGib] = useState("10");
  const [path, setPath] = useState("");
  const [bus, setBus] = useState<"virtio" | "sata">("virtio");
  return (
    <form
      aria-label="Attach disk"
      className="flex max-w-2xl flex-col gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        run(
          () =>
            attachDiskAction({
              id: vm.id,
              bus,
              source: mode === "new" ? { mode, pool, sizeGib, format: "qcow2" } : { mode, path },
            }),
          "Disk attached.",
          onDone,
        );
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
      <SelectField
        label="Bus"
        id="attach-bus"
        value={bus}
        onChange={(e) => setBus(e.target.value as "virtio" | "sata")}
      >
        <option value="virtio">virtio</option>
        <option value="sata">SATA</option>
      </SelectField>
      <div className="flex gap-2">
        <Button type="submit" disabled={pending} {...gate("VM.Config.Disk")}>
          Attach disk
        </Button>
        <Button variant="ghost" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
