"use client";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { Table } from "@/components/ui/table";
import { useRun } from "@/components/ui/use-run";
import { endAnySessionAction, endSessionAction } from "@/lib/actions/api-tokens";
import type { SessionRow } from "@/lib/auth/sessions";
import { describeUserAgent, formatUtc } from "@/lib/format";

/** Sign-in sessions with their browser and times; "End" signs that browser out. */
export function SessionsList({
  sessions,
  scope,
}: {
  sessions: (SessionRow & { current: boolean })[];
  /** "mine": your own; "all": everyone's (administrators). */
  scope: "mine" | "all";
}) {
  const router = useRouter();
  const { run, pending } = useRun("session-outcome");
  const end = (s: SessionRow) =>
    run(
      () => (scope === "all" ? endAnySessionAction({ id: s.id }) : endSessionAction({ id: s.id })),
      `Ended the session of ${s.username}`,
      () => router.refresh(),
    );
  return (
    <div className="flex flex-col gap-2">
      <Table
        label="Sessions"
        columns={[scope === "all" && "User", "Browser", "Signed in (UTC)", "Last used (UTC)", ""]}
      >
        {sessions.map((s) => (
          <tr key={s.id} data-testid="session-row">
            {scope === "all" ? <td className="py-2 font-medium">{s.username}</td> : null}
            <td className="py-2 whitespace-nowrap" title={s.userAgent ?? ""}>
              {describeUserAgent(s.userAgent)}
              {s.current ? (
                <span className="ml-2 rounded bg-emerald-100 px-1.5 py-0.5 text-xs text-emerald-800 dark:bg-emerald-500/15 dark:text-emerald-300">
                  this browser
                </span>
              ) : null}
            </td>
            <td className="py-2">{formatUtc(s.createdAt)}</td>
            <td className="py-2">{formatUtc(s.lastSeenAt)}</td>
            <td className="py-2 text-right">
              {s.current ? null : (
                <Button
                  variant="ghost"
                  disabled={pending}
                  onClick={() => end(s)}
                  aria-label={`End session of ${s.username}`}
                >
                  End
                </Button>
              )}
            </td>
          </tr>
        ))}
      </Table>
    </div>
  );
}
