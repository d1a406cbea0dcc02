"use client";
import { VolumeSelect } from "@/components/storage/volume-select";
import { Field } from "@/components/ui/field";
import type { CreateVmOptions } from "@/lib/vms/create-options";
import { Choice, Select } from "./inputs";
import { OS_PRESETS, type OsPreset, type WizardState } from "./wizard-state";

export interface StepProps {
  state: WizardState;
  set: (patch: Partial<WizardState>) => void;
  options: CreateVmOptions;
  errors: Record<string, string | undefined>;
}

export function NameStep({
  state,
  set,
  options,
  errors,
  hosts,
  onHost,
}: StepProps & { hosts: { id: string; name: string }[]; onHost: (id: string) => void }) {
  return (
    <div className="flex flex-col gap-4">
      <Field
        label="Name"
        name="name"
        value={state.name}
        error={errors.name}
        hint="Letters, digits, '.', '_' and '-'"
        onChange={(e) => set({ name: e.target.value })}
      />
      <Select label="Host" value={options.hostId} onChange={onHost}>
        {hosts.map((h) => (
          <option key={h.id} value={h.id}>
            {h.name}
          </option>
        ))}
      </Select>
      <Field
        label="Title (optional)"
        name="title"
        value={state.title}
        onChange={(e) => set({ title: e.target.value })}
      />
      <Field
        label="Description (optional)"
        name="description"
        value={state.description}
        onChange={(e) => set({ description: e.target.value })}
      />
    </div>
  );
}

export function OsStep({ state, set }: StepProps) {
  return (
    <Choice<OsPreset>
      legend="Operating system"
      value={state.os}
      options={(Object.keys(OS_PRESETS) as OsPreset[]).map((os) => ({
        value: os,
        label: OS_PRESETS[os].label,
        hint: `${OS_PRESETS[os].values.vcpus} vCPUs, ${OS_PRESETS[os].values.memoryMib} MiB, ${OS_PRESETS[os].values.sizeGib} GiB ${OS_PRESETS[os].values.diskBus} disk`,
      }))}
      onChange={(os) => set({ os, ...OS_PRESETS[os].values })}
    />
  );
}

export function SourceStep({ state, set, options, errors }: StepProps) {
  return (
    <div className="flex flex-col gap-4">
      <Choice
        legend="Install source"
        value={state.sourceKind}
        options={[
          { value: "iso", label: "ISO volume as CD-ROM" },
          { value: "import", label: "Import an existing disk volume" },
          { value: "kernel", label: "Direct kernel boot" },
        ]}
        onChange={(sourceKind) => set({ sourceKind })}
      />
      {state.sourceKind === "iso" ? (
        <VolumeSelect
          hostId={options.hostId}
          kind="iso"
          label="ISO volume"
          value={state.isoPath}
          error={errors["source.isoPath"]}
          onChange={(isoPath) => set({ isoPath })}
        />
      ) : state.sourceKind === "import" ? (
        <VolumeSelect
          hostId={options.hostId}
          kind="disk"
          label="Disk volume to import"
          value={state.importPath}
          error={errors["source.diskPath"]}
          onChange={(importPath) => set({ importPath })}
        />
      ) : (
        <>
          <Field
            label="Kernel path"
            name="source.kernel"
            value={state.kernel}
            error={errors["source.kernel"]}
            onChange={(e) => set({ kernel: e.target.value })}
          />
          <Field
            label="Initrd path"
            name="source.initrd"
            value={state.initrd}
            error={errors["source.initrd"]}
            onChange={(e) => set({ initrd: e.target.value })}
          />
          <Field
            label="Kernel command line"
            name="source.cmdline"
            value={state.cmdline}
            onChange={(e) => set({ cmdline: e.target.value })}
          />
        </>
      )}
    </div>
  );
}
