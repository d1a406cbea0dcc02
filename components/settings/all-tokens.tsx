"use client";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { Table } from "@/components/ui/table";
import { useRun } from "@/components/ui/use-run";
import { revokeAnyTokenAction } from "@/lib/actions/api-tokens";
import type { ApiTokenSummary } from "@/lib/auth/api-tokens";
import { formatUtc } from "@/lib/format";

/** Every user's API tokens, for administrators: who owns it, when it was used, revoke. */
export function AllTokens({ tokens }: { tokens: ApiTokenSummary[] }) {
  const router = useRouter();
  const { run, pending } = useRun("all-tokens-outcome");
  if (tokens.length === 0) return <p className="text-sm text-zinc-500">No API tokens.</p>;
  return (
    <div className="flex flex-col gap-2">
      <Table label="All API tokens" columns={["Token", "Last used (UTC)", "Expires (UTC)", ""]}>
        {tokens.map((t) => (
          <tr key={t.id} data-testid="all-token-row">
            <td className="py-2">
              {t.username}!<strong>{t.name}</strong>{" "}
              <code className="text-xs text-zinc-500">{t.prefix}…</code>
              {t.privsep ? <span className="ml-2 text-xs">privilege-separated</span> : null}
            </td>
            <td className="py-2">{t.lastUsedAt ? formatUtc(t.lastUsedAt) : "never"}</td>
            <td className="py-2">{t.expiresAt ? formatUtc(t.expiresAt) : "never"}</td>
            <td className="py-2 text-right">
              <Button
                variant="ghost"
                disabled={pending}
                aria-label={`Revoke ${t.username}!${t.name}`}
                onClick={() =>
                  run(
                    () => revokeAnyTokenAction({ id: t.id }),
                    `Revoked ${t.username}!${t.name}`,
                    () => router.refresh(),
                  )
                }
              >
                Revoke
              </Button>
            </td>
          </tr>
        ))}
      </Table>
    </div>
  );
}
