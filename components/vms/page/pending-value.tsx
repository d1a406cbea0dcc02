import type { PendingChange, PendingField } from "@/lib/inventory/pending";
import type { VmSummary } from "@/lib/inventory/summaries";

/** The change waiting for the next boot of this value (`key`: a disk's target, a NIC's MAC). */
export function pendingOf(
  vm: Pick<VmSummary, "pending">,
  field: PendingField,
  key: string | null = null,
): PendingChange | undefined {
  return vm.pending.find((p) => p.field === field && p.key === key);
}

/** What the next boot gets, in the words `show` makes of a value (vCPUs, KiB, a device line). */
export function PendingValue({
  change,
  show = (v) => v,
}: {
  change: PendingChange | undefined;
  show?: (value: string) => string;
}) {
  if (!change) return null;
  const words =
    change.to === null
      ? "removed at the next boot"
      : change.from === null
        ? `added at the next boot: ${show(change.to)}`
        : `→ ${show(change.to)} at the next boot`;
  return (
    <span
      data-testid="pending-change"
      title="Saved in the definition; the running VM gets it when it restarts"
      className="ml-2 inline-flex items-center rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-900 dark:bg-amber-500/15 dark:text-amber-300"
    >
      {words}
    </span>
  );
}
