import type { Metadata } from "next";
import Link from "next/link";
import { HostsOverview } from "@/components/hosts/hosts-overview";
import { NoHostsYet } from "@/components/hosts/no-hosts-yet";
import { UsageOverview } from "@/components/metrics/usage-overview";
import { EmptyState } from "@/components/ui/empty-state";
import { LINK } from "@/components/ui/link-style";
import { PageHeader } from "@/components/ui/page-header";
import { pageAccess } from "@/lib/access/page-access";
import { vmCountsByHost } from "@/lib/hosts/host-details";
import { listHosts } from "@/lib/hosts/store";
import { toHostSummary } from "@/lib/inventory/summaries";

export const metadata: Metadata = { title: "Overview" };

export default async function OverviewPage() {
  const { access } = await pageAccess();
  const [all, counts] = await Promise.all([listHosts(), vmCountsByHost((v) => access.seesVm(v))]);
  const hosts = all.filter((h) => access.seesHost(h.id));
  const vmsElsewhere = [...counts]
    .filter(([hostId]) => !access.seesHost(hostId))
    .reduce((n, [, byState]) => n + Object.values(byState).reduce((a, b) => a + b, 0), 0);
  return (
    <>
      <PageHeader
        title="Overview"
        description="Your KVM hosts and their virtual machines at a glance."
      />
      {hosts.length === 0 && all.length === 0 ? (
        <NoHostsYet>
          Add a KVM host by its libvirt URI (for example <code>qemu:///system</code> for this
          machine, or <code>qemu+ssh://root@host/system</code>) to see and manage its virtual
          machines here.
        </NoHostsYet>
      ) : hosts.length === 0 && vmsElsewhere === 0 ? (
        <EmptyState title="Nothing shared with you yet">
          You have no permissions on any host or VM. Ask an administrator to grant you a role.
        </EmptyState>
      ) : (
        <>
          <HostsOverview
            hosts={hosts.map(toHostSummary)}
            vmCounts={Object.fromEntries(hosts.map((h) => [h.id, counts.get(h.id) ?? {}]))}
          />
          <UsageOverview hosts={hosts.map(toHostSummary)} />
        </>
      )}
      {vmsElsewhere > 0 ? (
        <p className="mt-4 text-sm" data-testid="overview-shared-vms">
          {vmsElsewhere === 1 ? "1 VM is" : `${vmsElsewhere} VMs are`} shared with you on hosts you
          do not manage:{" "}
          <Link href="/vms" className={LINK}>
            open the VM list
          </Link>
          .
        </p>
      ) : null}
    </>
  );
}
