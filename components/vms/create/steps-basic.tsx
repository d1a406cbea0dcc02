"use client";
import { useState } from "react";
import { VolumeSelect } from "@/components/storage/volume-select";
import { Field } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import type { CreateVmOptions, OsChoice } from "@/lib/vms/create-options";
import { Choice } from "./inputs";
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
  switching,
}: StepProps & {
  hosts: { id: string; name: string; maintenance?: boolean }[];
  onHost: (id: string) => void;
  /** Reading the chosen host's options. */
  switching: boolean;
}) {
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
      <SelectField
        label="Host"
        id="wizard-host"
        value={options.hostId}
        error={errors.hostId}
        hint={switching ? "Reading the host's networks, pools and capabilities…" : undefined}
        disabled={switching}
        onChange={(e) => onHost(e.target.value)}
      >
        {hosts.map((h) => (
          <option key={h.id} value={h.id} disabled={h.maintenance}>
            {h.name}
            {h.maintenance ? " (maintenance: takes no new VMs)" : ""}
          </option>
        ))}
      </SelectField>
      <Field
        label="Title (optional)"
        name="title"
        value={state.title}
        error={errors.title}
        onChange={(e) => set({ title: e.target.value })}
      />
      <Field
        label="Description (optional)"
        name="description"
        value={state.description}
        error={errors.description}
        onChange={(e) => set({ description: e.target.value })}
      />
    </div>
  );
}

/** The wizard's values for one osinfo-db OS: its family's preset refined by its own figures. */
function valuesFor(os: OsChoice, uefi: boolean): Partial<WizardState> {
  const preset = OS_PRESETS[os.preset].values;
  return {
    os: os.preset,
    osinfoId: os.id,
    ...preset,
    ...(os.vcpus ? { vcpus: String(Math.max(os.vcpus, Number(preset.vcpus))) } : {}),
    ...(os.memoryMib ? { memoryMib: String(os.memoryMib) } : {}),
    ...(os.sizeGib ? { sizeGib: String(os.sizeGib) } : {}),
    ...(os.uefiOnly && uefi ? { firmware: "uefi" as const } : {}),
  };
}

function OsinfoSelect({ state, set, options, errors }: StepProps) {
  const [showEol, setShowEol] = useState(false);
  const current = options.osinfo.find((o) => o.id === state.osinfoId);
  const listed = options.osinfo.filter((o) => showEol || !o.eol || o.id === state.osinfoId);
  const vendors = [...new Set(listed.map((o) => o.vendor))];
  return (
    <div className="flex flex-col gap-2">
      <SelectField
        label={`Specific operating system (osinfo-db, ${options.osinfo.length} systems)`}
        id="wizard-osinfo"
        value={state.osinfoId}
        error={errors.osinfoId}
        onChange={(e) => {
          const os = options.osinfo.find((o) => o.id === e.target.value);
          set(os ? valuesFor(os, options.uefi) : { osinfoId: "" });
        }}
      >
        <option value="">None: the preset above</option>
        {vendors.map((vendor) => (
          <optgroup key={vendor} label={vendor || "Other"}>
            {listed
              .filter((o) => o.vendor === vendor)
              .map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                  {o.eol ? " (end of life)" : ""}
                </option>
              ))}
          </optgroup>
        ))}
      </SelectField>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" checked={showEol} onChange={(e) => setShowEol(e.target.checked)} />
        Also list systems past their end of life
      </label>
      {current ? (
        <p className="text-xs text-zinc-500" data-testid="osinfo-summary">
          {current.id}: {current.vcpus ?? "?"} vCPUs, {current.memoryMib ?? "?"} MiB,{" "}
          {current.sizeGib ?? "?"} GiB recommended
          {current.uefiOnly ? "; needs UEFI firmware" : ""}.
        </p>
      ) : null}
    </div>
  );
}

export function OsStep(props: StepProps) {
  const { state, set, options } = props;
  return (
    <div className="flex flex-col gap-4">
      <Choice<OsPreset>
        legend="Operating system"
        value={state.os}
        options={(Object.keys(OS_PRESETS) as OsPreset[]).map((os) => ({
          value: os,
          label: OS_PRESETS[os].label,
          hint: `${OS_PRESETS[os].values.vcpus} vCPUs, ${OS_PRESETS[os].values.memoryMib} MiB, ${OS_PRESETS[os].values.sizeGib} GiB ${OS_PRESETS[os].values.diskBus} disk`,
        }))}
        onChange={(os) => set({ os, osinfoId: "", ...OS_PRESETS[os].values })}
      />
      {options.osinfo.length > 0 ? (
        <OsinfoSelect {...props} />
      ) : (
        <p className="text-xs text-zinc-500">
          Install Debian's osinfo-db package where Virtdeck runs to choose a specific system with
          its recommended resources.
        </p>
      )}
    </div>
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
            error={errors["source.cmdline"]}
            onChange={(e) => set({ cmdline: e.target.value })}
          />
        </>
      )}
    </div>
  );
}
