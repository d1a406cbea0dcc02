"use client";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { Table } from "@/components/ui/table";
import { useRun } from "@/components/ui/use-run";
import { liftLockoutAction } from "@/lib/actions/api-tokens";
import type { Lockout } from "@/lib/auth/sign-in-throttle";
import { formatUtc } from "@/lib/format";

/** Accounts locked out from an address by failed sign-ins; "Lift" lets them in again now. */
export function LockoutsList({ lockouts }: { lockouts: Lockout[] }) {
  const router = useRouter();
  const { run, pending } = useRun("lockout-outcome");
  const lift = (l: Lockout) =>
    run(
      () => liftLockoutAction({ username: l.username, address: l.address }),
      `${l.username} may sign in from ${l.address} again`,
      () => router.refresh(),
    );
  if (lockouts.length === 0)
    return <p className="text-sm text-zinc-500">No account is locked out.</p>;
  return (
    <div className="flex flex-col gap-2">
      <Table label="Lockouts" columns={["Account", "From", "Failures", "Until (UTC)", ""]}>
        {lockouts.map((l) => (
          <tr key={`${l.username} ${l.address}`} data-testid="lockout-row">
            <td className="py-2 font-medium">{l.username}</td>
            <td className="py-2 font-mono text-xs">{l.address}</td>
            <td className="py-2">{l.failures}</td>
            <td className="py-2">{formatUtc(l.until)}</td>
            <td className="py-2 text-right">
              <Button
                variant="ghost"
                disabled={pending}
                onClick={() => lift(l)}
                aria-label={`Lift the lockout of ${l.username} from ${l.address}`}
              >
                Lift
              </Button>
            </td>
          </tr>
        ))}
      </Table>
    </div>
  );
}
