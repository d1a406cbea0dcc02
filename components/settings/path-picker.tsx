"use client";
// Picks a permission path by what it names: everything, a host, a VM, a pool, a network or a VM
// group, from the objects the user sees; the path itself is shown as it will be stored.
import { useEffect, useState } from "react";
import { SelectField } from "@/components/ui/select-field";
import type { GrantChoices } from "@/lib/access/grant-choices";

const SELECT =
  "rounded-md border border-zinc-300 bg-white px-2 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-900";

type Kind = "root" | "host" | "vm" | "pool" | "network" | "group";

const KINDS: { value: Kind; label: string }[] = [
  { value: "root", label: "Everything (/)" },
  { value: "host", label: "A host" },
  { value: "vm", label: "A VM" },
  { value: "pool", label: "A storage pool" },
  { value: "network", label: "A network" },
  { value: "group", label: "A VM group" },
];

const enc = encodeURIComponent;

export function PathPicker({
  choices,
  onChange,
  idPrefix,
}: {
  choices: Pick<GrantChoices, "hosts" | "vms" | "vmGroups">;
  onChange: (path: string) => void;
  idPrefix: string;
}) {
  const [kind, setKind] = useState<Kind>("root");
  const [hostId, setHostId] = useState(choices.hosts[0]?.id ?? "");
  const [vmId, setVmId] = useState(choices.vms[0]?.id ?? "");
  const [name, setName] = useState("");
  const [group, setGroup] = useState(choices.vmGroups[0] ?? "");
  const host = choices.hosts.find((h) => h.id === hostId);
  const vm = choices.vms.find((v) => v.id === vmId);
  const path =
    kind === "root"
      ? "/"
      : kind === "host"
        ? `/hosts/${enc(hostId)}`
        : kind === "vm"
          ? vm
            ? `/hosts/${enc(vm.hostId)}/vms/${vm.uuid}`
            : ""
          : kind === "group"
            ? group
              ? `/groups/${enc(group)}`
              : ""
            : name
              ? `/hosts/${enc(hostId)}/${kind === "pool" ? "pools" : "networks"}/${enc(name)}`
              : "";
  useEffect(() => onChange(path), [path, onChange]);
  const names = kind === "pool" ? (host?.pools ?? []) : (host?.networks ?? []);
  return (
    <div className="flex flex-wrap items-end gap-2">
      <SelectField
        label="On"
        id={`${idPrefix}-kind`}
        value={kind}
        onChange={(e) => {
          setKind(e.target.value as Kind);
          setName("");
        }}
      >
        {KINDS.map((k) => (
          <option key={k.value} value={k.value}>
            {k.label}
          </option>
        ))}
      </SelectField>
      {kind === "host" || kind === "pool" || kind === "network" ? (
        <SelectField
          label="Host"
          id={`${idPrefix}-host`}
          value={hostId}
          onChange={(e) => setHostId(e.target.value)}
        >
          {choices.hosts.map((h) => (
            <option key={h.id} value={h.id}>
              {h.name}
            </option>
          ))}
        </SelectField>
      ) : null}
      {kind === "vm" ? (
        <SelectField
          label="VM"
          id={`${idPrefix}-vm`}
          value={vmId}
          onChange={(e) => setVmId(e.target.value)}
        >
          {choices.vms.map((v) => (
            <option key={v.id} value={v.id}>
              {v.name} on {v.hostName}
            </option>
          ))}
        </SelectField>
      ) : null}
      {kind === "pool" || kind === "network" ? (
        <label className="flex flex-col gap-1 text-sm font-medium">
          {kind === "pool" ? "Pool" : "Network"}
          <input
            className={SELECT}
            list={`${idPrefix}-names`}
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder={names[0] ?? "name"}
          />
          <datalist id={`${idPrefix}-names`}>
            {names.map((n) => (
              <option key={n} value={n} />
            ))}
          </datalist>
        </label>
      ) : null}
      {kind === "group" ? (
        <SelectField
          label="VM group"
          id={`${idPrefix}-vmgroup`}
          value={group}
          onChange={(e) => setGroup(e.target.value)}
        >
          {choices.vmGroups.map((g) => (
            <option key={g} value={g}>
              {g}
            </option>
          ))}
        </SelectField>
      ) : null}
      <code className="pb-2 text-xs text-zinc-500" data-testid={`${idPrefix}-path`}>
        {path || "…"}
      </code>
    </div>
  );
}
