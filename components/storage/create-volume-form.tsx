"use client";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { useToast } from "@/components/ui/toaster";
import { createVolumeAction } from "@/lib/actions/storage";
import { useGate } from "@/lib/queries/access";
import { useRefreshStorage } from "@/lib/queries/storage";
import { formatBytes } from "@/lib/storage/sizes";
import type { PoolDetail } from "@/lib/storage/summaries";

const SELECT =
  "rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm dark:border-zinc-700 dark:bg-zinc-900";

export function CreateVolumeForm({ pool }: { pool: PoolDetail }) {
  const lock = useGate()("Datastore.AllocateSpace", {
    kind: "pool",
    hostId: pool.hostId,
    pool: pool.name,
  });
  const refresh = useRefreshStorage();
  const [v, setV] = useState({ name: "", capacity: "10G", format: "qcow2", backing: "" });
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [error, setError] = useState<string | null>(null);
  const { notify, dismiss } = useToast();
  const [pending, startTransition] = useTransition();
  const set = (k: keyof typeof v) => (e: { target: { value: string } }) =>
    setV((o) => ({ ...o, [k]: e.target.value }));

  const submit = () =>
    startTransition(async () => {
      setError(null);
      dismiss("volume-created");
      const r = await createVolumeAction({ hostId: pool.hostId, pool: pool.name, ...v });
      setErrors(r.ok ? {} : (r.fieldErrors ?? {}));
      if (!r.ok) return setError(r.fieldErrors ? null : r.error);
      notify({ key: "volume-created", ok: true, text: `Created ${r.data.name}` });
      setV((o) => ({ ...o, name: "" }));
      await refresh();
    });

  return (
    <form
      aria-label="Create volume"
      className="flex flex-col gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <div className="grid gap-3 sm:grid-cols-2">
        <Field
          label="Name"
          name="name"
          value={v.name}
          onChange={set("name")}
          error={errors.name?.[0]}
        />
        <Field
          label="Size"
          name="capacity"
          value={v.capacity}
          onChange={set("capacity")}
          error={errors.capacity?.[0]}
          hint={`Like 20G or 512 MiB; ${formatBytes(pool.available)} free`}
        />
        <label className="flex flex-col gap-1 text-sm font-medium">
          Format
          <select name="format" className={SELECT} value={v.format} onChange={set("format")}>
            <option value="qcow2">qcow2 (thin, snapshots)</option>
            <option value="raw">raw</option>
          </select>
        </label>
        <label className="flex flex-col gap-1 text-sm font-medium">
          Backing volume
          <select
            name="backing"
            className={SELECT}
            value={v.backing}
            onChange={set("backing")}
            disabled={v.format !== "qcow2"}
          >
            <option value="">None</option>
            {pool.volumes.map((vol) => (
              <option key={vol.name}>{vol.name}</option>
            ))}
          </select>
        </label>
      </div>
      <FormError message={error} />
      <div>
        <Button type="submit" disabled={pending || !pool.active} {...lock}>
          {pending ? "Creating…" : "Create volume"}
        </Button>
      </div>
    </form>
  );
}
