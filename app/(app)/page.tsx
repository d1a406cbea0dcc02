import type { Metadata } from "next";
import { HostsOverview } from "@/components/hosts/hosts-overview";
import { NoHostsYet } from "@/components/hosts/no-hosts-yet";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/current-user";
import { vmCountsByHost } from "@/lib/hosts/host-details";
import { listHosts } from "@/lib/hosts/store";
import { toHostSummary } from "@/lib/inventory/summaries";

export const metadata: Metadata = { title: "Overview" };

export default async function OverviewPage() {
  await requireUser();
  const [hosts, counts] = await Promise.all([listHosts(), vmCountsByHost()]);
  return (
    <>
      <PageHeader
        title="Overview"
        description="Your KVM hosts and their virtual machines at a glance."
      />
      {hosts.length === 0 ? (
        <NoHostsYet>
          Add a KVM host by its libvirt URI (for example <code>qemu:///system</code> for this
          machine, or <code>qemu+ssh://root@host/system</code>) to see and manage its virtual
          machines here.
        </NoHostsYet>
      ) : (
        <HostsOverview hosts={hosts.map(toHostSummary)} vmCounts={Object.fromEntries(counts)} />
      )}
    </>
  );
}
