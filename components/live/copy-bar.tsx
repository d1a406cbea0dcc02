"use client";
import { ProgressBar } from "@/components/ui/progress-bar";
import type { ProgressMessage } from "@/lib/live/messages";
import { formatBytes } from "@/lib/storage/sizes";

/** One part of a copy job (a disk of a clone, a volume copy) as a bar with percent and bytes. */
export function CopyBar({ part }: { part: ProgressMessage }) {
  const pct = part.total > 0 ? Math.floor((part.done / part.total) * 100) : 100;
  return (
    <div className="flex flex-col gap-1" data-testid="copy-progress">
      <span className="text-xs">
        {part.steps > 1 ? `Disk ${part.step + 1} of ${part.steps}: ` : ""}
        {part.label}
      </span>
      <ProgressBar
        label={`Copy of ${part.label}`}
        percent={pct}
        tone={pct === 100 ? "emerald" : "indigo"}
      />
      <span className="text-xs text-zinc-500 dark:text-zinc-400" data-testid="copy-percent">
        {pct} % · {formatBytes(part.done)} of {formatBytes(part.total)}
      </span>
    </div>
  );
}
