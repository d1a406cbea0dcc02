import type { Metadata } from "next";
import Link from "next/link";
import { NoHostsYet } from "@/components/hosts/no-hosts-yet";
import { PageHeader } from "@/components/ui/page-header";
import { VmTable } from "@/components/vms/vm-table";
import { requireUser } from "@/lib/auth/current-user";
import { listHostSummaries, listVms } from "@/lib/inventory/list-vms";
import { toVmListItem } from "@/lib/inventory/summaries";

export const metadata: Metadata = { title: "Virtual machines" };

export default async function VmsPage() {
  await requireUser();
  const [vms, hosts] = await Promise.all([listVms(), listHostSummaries()]);
  return (
    <>
      <PageHeader
        title="Virtual machines"
        description="Every VM on every host, as it is right now."
        actions={
          hosts.length ? (
            <Link
              href="/vms/new"
              className="text-sm font-medium text-indigo-600 hover:underline dark:text-indigo-400"
            >
              Create VM
            </Link>
          ) : null
        }
      />
      {hosts.length === 0 ? (
        <NoHostsYet>Virtdeck lists the virtual machines of the hosts you add.</NoHostsYet>
      ) : (
        <VmTable initialVms={vms.map(toVmListItem)} hosts={hosts} />
      )}
    </>
  );
}
