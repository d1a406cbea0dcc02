import { Card } from "@/components/ui/card";
import { formatUtc } from "@/lib/format";
import { HostStatusBadge } from "./host-status-badge";

/** The latest status changes of a host, newest first. */
export function StatusHistory({
  history,
}: {
  history: { at: string; status: string; error: string | null }[];
}) {
  return (
    <Card title="Status history">
      {history.length === 0 ? (
        <p className="text-sm text-zinc-500">No status changes recorded yet.</p>
      ) : (
        <ol className="flex flex-col gap-2 text-sm" data-testid="status-history">
          {history.map((e) => (
            <li key={`${e.at}-${e.status}`} className="flex flex-wrap items-baseline gap-2">
              <time dateTime={e.at} className="font-mono text-xs text-zinc-500">
                {formatUtc(e.at)}
              </time>
              <HostStatusBadge status={e.status} testId="history-status" />
              {e.error ? (
                <span className="text-xs text-zinc-600 dark:text-zinc-400">{e.error}</span>
              ) : null}
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}
