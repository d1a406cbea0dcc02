"use client";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { createPoolAction } from "@/lib/actions/storage";
import type { PoolType } from "@/lib/schemas/storage";

const SELECT =
  "rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm font-normal dark:border-zinc-700 dark:bg-zinc-900";

const ADVANCED: { type: Exclude<PoolType, "dir">; label: string }[] = [
  { type: "logical", label: "LVM volume group (logical)" },
  { type: "netfs", label: "NFS share (netfs)" },
];

/**
 * A directory pool by default; LVM and NFS pools are offered as advanced types when the host's
 * storage driver supports them (`types`, from its pool capabilities).
 */
export function CreatePoolForm({
  hostId,
  types,
  onDone,
}: {
  hostId: string;
  types: PoolType[];
  onDone: () => void;
}) {
  const advanced = ADVANCED.filter((a) => types.includes(a.type));
  const [type, setType] = useState<PoolType>("dir");
  const [v, setV] = useState({
    name: "",
    path: "",
    vgName: "",
    device: "",
    server: "",
    exportPath: "",
  });
  const [autostart, setAutostart] = useState(true);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const set = (k: keyof typeof v) => (e: { target: { value: string } }) =>
    setV((o) => ({ ...o, [k]: e.target.value }));
  const err = (k: string) => errors[k]?.[0];

  const submit = () =>
    startTransition(async () => {
      setError(null);
      const base = { hostId, name: v.name, autostart, build: true, start: true };
      const input =
        type === "dir"
          ? { ...base, type, path: v.path }
          : type === "logical"
            ? { ...base, type, vgName: v.vgName, device: v.device }
            : { ...base, type, server: v.server, exportPath: v.exportPath, path: v.path };
      const r = await createPoolAction(input);
      setErrors(r.ok ? {} : (r.fieldErrors ?? {}));
      if (!r.ok) return setError(r.fieldErrors ? null : r.error);
      onDone();
    });

  return (
    <form
      aria-label="Create pool"
      className="mb-4 flex max-w-xl flex-col gap-3 rounded-md border border-zinc-200 p-4 dark:border-zinc-700"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <label className="flex flex-col gap-1 text-sm font-medium">
        Type
        <select
          className={SELECT}
          name="type"
          value={type}
          onChange={(e) => setType(e.target.value as PoolType)}
        >
          <option value="dir">Directory</option>
          {advanced.length > 0 ? (
            <optgroup label="Advanced">
              {advanced.map((a) => (
                <option key={a.type} value={a.type}>
                  {a.label}
                </option>
              ))}
            </optgroup>
          ) : null}
        </select>
        {advanced.length < ADVANCED.length ? (
          <span className="text-xs font-normal text-zinc-500" data-testid="pool-types-note">
            This host's libvirt does not support{" "}
            {ADVANCED.filter((a) => !types.includes(a.type))
              .map((a) => a.label)
              .join(" or ")}{" "}
            pools.
          </span>
        ) : null}
      </label>
      <Field label="Name" name="name" value={v.name} onChange={set("name")} error={err("name")} />
      {type === "logical" ? (
        <>
          <Field
            label="Volume group"
            name="vgName"
            value={v.vgName}
            onChange={set("vgName")}
            error={err("vgName")}
          />
          <Field
            label="Device (optional)"
            name="device"
            value={v.device}
            onChange={set("device")}
            error={err("device")}
            hint="A disk or partition to build a new volume group on; leave empty to use an existing group"
          />
        </>
      ) : null}
      {type === "netfs" ? (
        <>
          <Field
            label="NFS server"
            name="server"
            value={v.server}
            onChange={set("server")}
            error={err("server")}
          />
          <Field
            label="Export path"
            name="exportPath"
            value={v.exportPath}
            onChange={set("exportPath")}
            error={err("exportPath")}
          />
        </>
      ) : null}
      {type !== "logical" ? (
        <Field
          label={type === "netfs" ? "Mount point" : "Directory"}
          name="path"
          value={v.path}
          onChange={set("path")}
          error={err("path")}
          hint="An absolute path on the host; it is created if missing"
        />
      ) : null}
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          checked={autostart}
          onChange={(e) => setAutostart(e.target.checked)}
        />
        Start with the host (autostart)
      </label>
      <FormError message={error} />
      <div className="flex gap-2">
        <Button type="submit" disabled={pending}>
          {pending ? "Creating…" : "Create pool"}
        </Button>
        <Button variant="secondary" onClick={onDone} disabled={pending}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
