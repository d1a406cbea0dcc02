import { formatBytes } from "@/lib/storage/sizes";

/** Allocation of capacity as a bar, with the numbers beside it. */
export function UsageBar({
  capacity,
  allocation,
  available,
}: {
  capacity: number;
  allocation: number;
  available: number;
}) {
  const pct = capacity > 0 ? Math.min(100, Math.round((allocation / capacity) * 100)) : 0;
  const color = pct >= 90 ? "bg-red-500" : pct >= 75 ? "bg-amber-500" : "bg-indigo-500";
  return (
    <div className="flex min-w-44 flex-col gap-1">
      {/* biome-ignore lint/a11y/useSemanticElements: a native <meter> cannot be styled consistently across browsers */}
      <div
        role="meter"
        aria-label="Used space"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
        className="h-2 w-full overflow-hidden rounded bg-zinc-200 dark:bg-zinc-700"
      >
        <div className={`h-full ${color}`} style={{ width: `${pct}%` }} />
      </div>
      <span className="text-xs text-zinc-500">
        {capacity > 0
          ? `${formatBytes(allocation)} of ${formatBytes(capacity)} used, ${formatBytes(available)} free`
          : "inactive"}
      </span>
    </div>
  );
}
