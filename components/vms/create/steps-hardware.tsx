"use client";
import { KindBadge } from "@/components/networks/kind-badge";
import { VolumeSelect } from "@/components/storage/volume-select";
import { Field } from "@/components/ui/field";
import { Check, Choice, Select } from "./inputs";
import type { StepProps } from "./steps-basic";

export function CpuStep({ state, set, options: opts, errors }: StepProps) {
  return (
    <div className="flex flex-col gap-4">
      <Field
        label="vCPUs"
        name="vcpus"
        type="number"
        value={state.vcpus}
        error={errors.vcpus}
        onChange={(e) => set({ vcpus: e.target.value })}
      />
      <Choice
        legend="CPU model"
        value={state.cpuMode}
        options={[
          { value: "default", label: "Default model", hint: "Migrates between different hosts" },
          {
            value: "host-passthrough",
            label: "Host passthrough",
            hint: "Fastest; ties the VM to this CPU type",
          },
        ]}
        onChange={(cpuMode) => set({ cpuMode })}
      />
      <Field
        label="Memory (MiB)"
        name="memoryMib"
        type="number"
        value={state.memoryMib}
        error={errors.memoryMib}
        onChange={(e) => set({ memoryMib: e.target.value })}
      />
      <Choice
        legend="Firmware"
        value={state.firmware}
        options={[
          { value: "bios", label: "BIOS" },
          {
            value: "uefi",
            label: "UEFI",
            disabled: !opts.uefi,
            hint: opts.uefi ? undefined : "This host's domain capabilities offer no UEFI firmware",
          },
        ]}
        onChange={(firmware) => set({ firmware })}
      />
    </div>
  );
}

export function DiskStep({ state, set, options: opts, errors }: StepProps) {
  return (
    <div className="flex flex-col gap-4">
      <Choice
        legend="Disk"
        value={state.diskMode}
        options={[
          { value: "new", label: "New volume" },
          { value: "existing", label: "Existing volume" },
          { value: "none", label: "No disk" },
        ]}
        onChange={(diskMode) => set({ diskMode })}
      />
      {state.diskMode === "new" ? (
        <>
          <Select label="Pool" value={state.pool} onChange={(pool) => set({ pool })}>
            {opts.pools.map((p) => (
              <option key={p.name} value={p.name} disabled={!p.active}>
                {p.name}
                {p.active ? "" : " (inactive)"}
              </option>
            ))}
          </Select>
          <Field
            label="Size (GiB)"
            name="disk.sizeGib"
            value={state.sizeGib}
            error={errors["disk.sizeGib"] ?? errors["disk.pool"]}
            onChange={(e) => set({ sizeGib: e.target.value })}
          />
          <Select
            label="Format"
            value={state.format}
            onChange={(v) => set({ format: v as "qcow2" | "raw" })}
          >
            <option value="qcow2">qcow2</option>
            <option value="raw">raw</option>
          </Select>
        </>
      ) : state.diskMode === "existing" ? (
        <VolumeSelect
          hostId={opts.hostId}
          kind="disk"
          label="Volume"
          value={state.existingPath}
          error={errors["disk.path"]}
          onChange={(existingPath) => set({ existingPath })}
        />
      ) : null}
      <Choice
        legend="Disk bus"
        value={state.diskBus}
        options={[
          { value: "virtio", label: "virtio" },
          { value: "sata", label: "SATA" },
        ]}
        onChange={(diskBus) => set({ diskBus })}
      />
    </div>
  );
}

export function NetworkStep({ state, set, options: opts }: StepProps) {
  return (
    <fieldset className="flex flex-col gap-2">
      <legend className="mb-1 text-sm font-medium">Network</legend>
      {opts.networks.map((n) => (
        <label key={n.name} className="flex items-center gap-2 text-sm">
          <input
            type="radio"
            aria-label={n.name}
            checked={state.network === n.name}
            onChange={() => set({ network: n.name })}
          />
          <span>{n.name}</span>
          <KindBadge kind={n.kind} />
          {n.active ? null : <span className="text-xs text-zinc-500">inactive</span>}
        </label>
      ))}
      <label className="flex items-center gap-2 text-sm">
        <input type="radio" checked={state.network === ""} onChange={() => set({ network: "" })} />
        No network
      </label>
    </fieldset>
  );
}

export function DisplayStep({ state, set, options: opts }: StepProps) {
  return (
    <div className="flex flex-col gap-4">
      <Check label="VNC graphics" checked={state.vnc} onChange={(vnc) => set({ vnc })} />
      <Check label="Serial console" checked={state.serial} onChange={(serial) => set({ serial })} />
      <Choice
        legend="Domain type"
        value={state.domainType}
        options={[
          { value: "kvm", label: "kvm (hardware acceleration)", disabled: !opts.kvm },
          { value: "qemu", label: "qemu (software emulation)" },
        ]}
        onChange={(domainType) => set({ domainType })}
      />
    </div>
  );
}
