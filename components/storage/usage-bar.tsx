import { ProgressBar } from "@/components/ui/progress-bar";
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
  const tone = pct >= 90 ? "red" : pct >= 75 ? "amber" : "indigo";
  return (
    <div className="flex min-w-44 flex-col gap-1">
      <ProgressBar kind="meter" label="Used space" percent={pct} tone={tone} />
      <span className="text-xs text-zinc-500 dark:text-zinc-400">
        {capacity > 0
          ? `${formatBytes(allocation)} of ${formatBytes(capacity)} used, ${formatBytes(available)} free`
          : "inactive"}
      </span>
    </div>
  );
}
