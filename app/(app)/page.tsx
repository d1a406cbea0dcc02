import type { Metadata } from "next";
import Link from "next/link";
import { HostsOverview } from "@/components/hosts/hosts-overview";
import { EmptyState } from "@/components/ui/empty-state";
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
        <EmptyState
          title="No hosts yet"
          action={
            <Link
              href="/hosts"
              className="rounded-md bg-indigo-600 px-3 py-2 text-sm font-medium text-white hover:bg-indigo-500"
            >
              Add a host
            </Link>
          }
        >
          Add a KVM host by its libvirt URI (for example <code>qemu:///system</code> for this
          machine, or <code>qemu+ssh://root@host/system</code>) to see and manage its virtual
          machines here.
        </EmptyState>
      ) : (
        <HostsOverview hosts={hosts.map(toHostSummary)} vmCounts={Object.fromEntries(counts)} />
      )}
    </>
  );
}
