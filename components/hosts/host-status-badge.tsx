const COLORS: Record<string, string> = {
  online: "bg-emerald-100 text-emerald-800 dark:bg-emerald-500/15 dark:text-emerald-300",
  connecting: "bg-amber-100 text-amber-800 dark:bg-amber-500/15 dark:text-amber-300",
  offline: "bg-red-100 text-red-800 dark:bg-red-500/15 dark:text-red-300",
};

/** online / connecting / offline, with the last error in the title and for screen readers. */
export function HostStatusBadge({
  status,
  error,
  testId = "host-status",
}: {
  status: string;
  error?: string | null;
  testId?: string;
}) {
  return (
    <span
      data-testid={testId}
      data-status={status}
      title={error ?? status}
      className={`inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium ${COLORS[status] ?? "bg-zinc-100 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300"}`}
    >
      <span aria-hidden className="size-1.5 rounded-full bg-current" />
      {status}
    </span>
  );
}

/** A host in maintenance takes no new VMs. */
export function MaintenanceBadge() {
  return (
    <span
      data-testid="host-maintenance"
      title="In maintenance: no new VMs land here"
      className="inline-flex items-center rounded-full bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-800 dark:bg-amber-500/15 dark:text-amber-300"
    >
      maintenance
    </span>
  );
}
