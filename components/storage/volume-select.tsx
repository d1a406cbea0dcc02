"use client";
// Pickers over a host's pools and volumes, read live: operators choose a volume by pool and name
// (as in virt-manager's storage browser) instead of typing a path on the host.
import { useId } from "react";
import { useHostVolumes } from "@/lib/queries/storage";
import { formatBytes } from "@/lib/storage/sizes";
import { isIsoVolume } from "@/lib/storage/summaries";

const BOX =
  "rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm font-normal shadow-sm dark:border-zinc-700 dark:bg-zinc-900";
const FIELD = "flex flex-col gap-1 text-sm font-medium text-zinc-700 dark:text-zinc-300";

function Status({ hostId }: { hostId: string }) {
  const { isPending, error } = useHostVolumes(hostId);
  if (error)
    return (
      <span role="alert" className="text-xs font-normal text-red-600">
        Cannot read the host's volumes: {error.message}
      </span>
    );
  return isPending ? (
    <span className="text-xs font-normal text-zinc-500">Reading the host's volumes…</span>
  ) : null;
}

/** A volume of the host by its path: ISO images for a CD-ROM, the other volumes for a disk. */
export function VolumeSelect({
  hostId,
  label,
  kind,
  value,
  onChange,
  error,
}: {
  hostId: string;
  label: string;
  kind: "iso" | "disk";
  value: string;
  onChange: (path: string) => void;
  error?: string;
}) {
  const { data: pools = [] } = useHostVolumes(hostId);
  const groups = pools
    .map((p) => ({
      ...p,
      volumes: p.volumes.filter((v) => (kind === "iso") === isIsoVolume(v)),
    }))
    .filter((p) => p.volumes.length > 0);
  const known = groups.some((p) => p.volumes.some((v) => v.path === value));
  const id = useId();
  return (
    <div className={FIELD}>
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        className={BOX}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => onChange(e.target.value)}
      >
        <option value="">
          {groups.length === 0
            ? kind === "iso"
              ? "No ISO volumes (upload one on the Storage page)"
              : "No disk volumes on this host"
            : "Choose a volume…"}
        </option>
        {value && !known ? <option value={value}>{value}</option> : null}
        {groups.map((p) => (
          <optgroup key={p.pool} label={`Pool ${p.pool}`}>
            {p.volumes.map((v) => (
              <option key={v.path} value={v.path}>
                {v.name} ({v.format ?? v.type}, {formatBytes(v.capacity)}
                {v.usedBy.length > 0 ? `, used by ${v.usedBy.map((u) => u.name).join(", ")}` : ""})
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      <Status hostId={hostId} />
      {error ? (
        <span id={`${id}-error`} role="alert" className="text-xs font-normal text-red-600">
          {error}
        </span>
      ) : null}
    </div>
  );
}

/** An active pool of the host, by name (for a new volume). */
export function PoolSelect({
  hostId,
  label,
  value,
  onChange,
}: {
  hostId: string;
  label: string;
  value: string;
  onChange: (pool: string) => void;
}) {
  const { data: pools = [] } = useHostVolumes(hostId);
  const id = useId();
  return (
    <div className={FIELD}>
      <label htmlFor={id}>{label}</label>
      <select id={id} className={BOX} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">Choose a pool…</option>
        {pools.map((p) => (
          <option key={p.pool} value={p.pool} disabled={!p.active}>
            {p.pool}
            {p.active ? "" : " (inactive)"}
          </option>
        ))}
      </select>
      <Status hostId={hostId} />
    </div>
  );
}
