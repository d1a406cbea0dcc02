import type { Metadata } from "next";
import { HostsClient } from "@/components/hosts/hosts-client";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/current-user";
import { localLibvirtHostName } from "@/lib/hosts/local-host";
import { listHosts } from "@/lib/hosts/store";
import { toHostSummary } from "@/lib/inventory/summaries";

export const metadata: Metadata = { title: "Hosts" };

export default async function HostsPage() {
  await requireUser();
  const hosts = await listHosts();
  return (
    <>
      <PageHeader
        title="Hosts"
        description="KVM hosts Virtdeck manages, by their libvirt URI as you would give it to virsh."
      />
      <HostsClient
        hosts={hosts.map(toHostSummary)}
        localHostName={hosts.length === 0 ? localLibvirtHostName() : null}
      />
    </>
  );
}
