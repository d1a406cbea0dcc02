import type { Metadata } from "next";
import Link from "next/link";
import { NoHostsYet } from "@/components/hosts/no-hosts-yet";
import { buttonClass } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { VmTable } from "@/components/vms/vm-table";
import { pageAccess } from "@/lib/access/page-access";
import { listHosts } from "@/lib/hosts/store";
import { listVms } from "@/lib/inventory/list-vms";
import { toHostSummary, toVmListItem } from "@/lib/inventory/summaries";

export const metadata: Metadata = { title: "Virtual machines" };

export default async function VmsPage() {
  const { access } = await pageAccess();
  const [vms, all] = await Promise.all([listVms((v) => access.seesVm(v)), listHosts()]);
  // The host filter offers the hosts the caller sees, and those of the VMs shared with them.
  const withVms = new Set(vms.map((v) => v.hostId));
  const hosts = all.filter((h) => access.seesHost(h.id) || withVms.has(h.id));
  const mayCreate = all.some((h) => access.can("VM.Allocate", { kind: "host", hostId: h.id }));
  return (
    <>
      <PageHeader
        title="Virtual machines"
        description="Every VM you may see, on every host, as it is right now."
        actions={
          mayCreate ? (
            <Link href="/vms/new" className={buttonClass("primary")}>
              Create VM
            </Link>
          ) : null
        }
      />
      {all.length === 0 ? (
        <NoHostsYet>Virtdeck lists the virtual machines of the hosts you add.</NoHostsYet>
      ) : (
        <VmTable initialVms={vms.map(toVmListItem)} hosts={hosts.map(toHostSummary)} />
      )}
    </>
  );
}
