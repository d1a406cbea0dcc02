"use client";
import { KindBadge } from "@/components/networks/kind-badge";
import { VolumeSelect } from "@/components/storage/volume-select";
import { Field } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import type { CreateVmOptions } from "@/lib/vms/create-options";
import { Check, Choice } from "./inputs";
import { PoolOffer } from "./pool-offer";
import type { StepProps } from "./steps-basic";
import { resourceWarnings } from "./wizard-state";

/** A figure above what the host has: allowed (libvirt overcommits), said beside the field. */
function Warning({ testId, children }: { testId: string; children: string | null }) {
  if (!children) return null;
  return (
    <p data-testid={testId} className="-mt-2 text-sm text-amber-700 dark:text-amber-400">
      {children}
    </p>
  );
}

export function CpuStep({ state, set, options: opts, errors }: StepProps) {
  const warn = resourceWarnings(state.vcpus, state.memoryMib, opts.host);
  const max = opts.maxVcpus[state.firmware];
  const size = opts.host
    ? `This host has ${opts.host.cpus} CPUs${max ? `; its ${state.firmware === "uefi" ? "q35" : "pc"} machine type takes at most ${max} vCPUs` : ""}.`
    : undefined;
  return (
    <div className="flex flex-col gap-4">
      <Field
        label="vCPUs"
        name="vcpus"
        type="number"
        value={state.vcpus}
        error={errors.vcpus}
        hint={size}
        onChange={(e) => set({ vcpus: e.target.value })}
      />
      <Warning testId="vcpus-warning">{errors.vcpus ? null : warn.vcpus}</Warning>
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
        hint={opts.host ? `This host has ${opts.host.memoryMib} MiB.` : undefined}
        onChange={(e) => set({ memoryMib: e.target.value })}
      />
      <Warning testId="memory-warning">{errors.memoryMib ? null : warn.memory}</Warning>
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

export function DiskStep({
  state,
  set,
  options: opts,
  errors,
  onOptions,
}: StepProps & { onOptions: (options: CreateVmOptions) => void }) {
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
          {opts.pools.length === 0 ? (
            <PoolOffer
              hostId={opts.hostId}
              onCreated={(options, pool) => {
                onOptions(options);
                set({ pool });
              }}
            />
          ) : (
            <SelectField
              label="Pool"
              id="wizard-pool"
              value={state.pool}
              error={errors["disk.pool"]}
              hint={poolHint(opts, state.pool)}
              onChange={(e) => set({ pool: e.target.value })}
            >
              <option value="">Choose a pool…</option>
              {opts.pools.map((p) => (
                <option key={p.name} value={p.name} disabled={!p.active}>
                  {p.name}
                  {p.active ? "" : " (inactive)"}
                </option>
              ))}
            </SelectField>
          )}
          {opts.pools.length === 0 && errors["disk.pool"] ? (
            <p role="alert" className="text-sm text-red-600 dark:text-red-400">
              {errors["disk.pool"]}
            </p>
          ) : null}
          <Field
            label="Size (GiB)"
            name="disk.sizeGib"
            value={state.sizeGib}
            error={errors["disk.sizeGib"]}
            onChange={(e) => set({ sizeGib: e.target.value })}
          />
          <SelectField
            label="Format"
            id="wizard-format"
            value={state.format}
            onChange={(e) => set({ format: e.target.value as "qcow2" | "raw" })}
          >
            <option value="qcow2">qcow2</option>
            <option value="raw">raw</option>
          </SelectField>
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

function poolHint(opts: CreateVmOptions, pool: string): string | undefined {
  const path = opts.pools.find((p) => p.name === pool)?.path;
  return path ? `The volume is made in ${path}` : undefined;
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
