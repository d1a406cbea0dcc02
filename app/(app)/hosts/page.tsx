import type { Metadata } from "next";
import { HostsClient } from "@/components/hosts/hosts-client";
import { PageHeader } from "@/components/ui/page-header";
import { pageAccess } from "@/lib/access/page-access";
import { localLibvirtHostName } from "@/lib/hosts/local-host";
import { listHosts } from "@/lib/hosts/store";
import { toHostSummary } from "@/lib/inventory/summaries";

export const metadata: Metadata = { title: "Hosts" };

export default async function HostsPage() {
  const { access } = await pageAccess();
  const all = await listHosts();
  const hosts = all.filter((h) => access.seesHost(h.id));
  const mayAdd = access.can("Host.Modify", { kind: "root" });
  return (
    <>
      <PageHeader
        title="Hosts"
        description="KVM hosts Virtdeck manages, by their libvirt URI as you would give it to virsh."
      />
      <HostsClient
        hosts={hosts.map(toHostSummary)}
        localHostName={all.length === 0 && mayAdd ? await localLibvirtHostName() : null}
      />
    </>
  );
}
