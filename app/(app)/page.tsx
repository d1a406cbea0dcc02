import type { Metadata } from "next";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/current-user";
import { listHosts } from "@/lib/hosts/store";

export const metadata: Metadata = { title: "Overview" };

export default async function OverviewPage() {
  await requireUser();
  const hosts = await listHosts();
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
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          <Card title="Hosts">
            <p className="text-3xl font-semibold">{hosts.length}</p>
            <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
              registered. Live status, VM counts and resource use appear here once Virtdeck connects
              to them.
            </p>
          </Card>
        </div>
      )}
    </>
  );
}
