import Link from "next/link";
import { Card } from "@/components/ui/card";
import { LINK } from "@/components/ui/link-style";
import { formatUtc } from "@/lib/format";
import type { LeaseRow } from "@/lib/networks/summaries";

const TH = "pb-1 pr-3 font-medium";

export function LeasesCard({ leases, active }: { leases: LeaseRow[]; active: boolean }) {
  return (
    <Card title="DHCP leases">
      {leases.length === 0 ? (
        <p className="text-sm text-zinc-500">
          {active ? "No leases." : "The network is stopped: no DHCP service runs."}
        </p>
      ) : (
        <table className="w-full text-sm" aria-label="DHCP leases">
          <thead className="text-left text-xs text-zinc-500">
            <tr>
              <th className={TH}>MAC</th>
              <th className={TH}>IP</th>
              <th className={TH}>Hostname</th>
              <th className={TH}>Expires</th>
              <th className={TH}>VM</th>
            </tr>
          </thead>
          <tbody>
            {leases.map((l) => (
              <tr key={`${l.mac}-${l.ip}`} data-testid="lease-row" data-mac={l.mac ?? ""}>
                <td className="pr-3 font-mono text-xs">{l.mac ?? "—"}</td>
                <td className="pr-3 font-mono text-xs" data-testid="lease-ip">
                  {l.ip}/{l.prefix}
                </td>
                <td className="pr-3">{l.hostname ?? "—"}</td>
                <td className="pr-3 font-mono text-xs">{formatUtc(l.expiresAt)}</td>
                <td>
                  {l.vm ? (
                    <Link className={LINK} href={`/vms/${l.vm.id}`}>
                      {l.vm.name}
                    </Link>
                  ) : (
                    "—"
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Card>
  );
}
