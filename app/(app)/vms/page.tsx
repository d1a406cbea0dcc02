import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { VmTable } from "@/components/vms/vm-table";
import { requireUser } from "@/lib/auth/current-user";
import { listHostSummaries, listVms } from "@/lib/inventory/list-vms";

export const metadata: Metadata = { title: "Virtual machines" };

export default async function VmsPage() {
  await requireUser();
  const [vms, hosts] = await Promise.all([listVms(), listHostSummaries()]);
  return (
    <>
      <PageHeader
        title="Virtual machines"
        description="Every VM on every host, as it is right now."
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
          Virtdeck lists the virtual machines of the hosts you add.
        </EmptyState>
      ) : (
        <VmTable initialVms={vms} hosts={hosts} />
      )}
    </>
  );
}
