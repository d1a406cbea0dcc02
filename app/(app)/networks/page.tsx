import type { Metadata } from "next";
import { LiveIndicator } from "@/components/live/live-indicator";
import { NetworksClient } from "@/components/networks/networks-client";
import { PageHeader } from "@/components/ui/page-header";
import { pageAccess } from "@/lib/access/page-access";
import { listAllNetworks } from "@/lib/networks/read-networks";

export const metadata: Metadata = { title: "Networks" };
export const dynamic = "force-dynamic";

export default async function Page() {
  const { access } = await pageAccess();
  // Read live from each host, in parallel, each with a short limit: an offline host says so.
  const hosts = await listAllNetworks(access);
  return (
    <>
      <PageHeader
        title="Networks"
        description="NAT, public bridge and private bridge networks of your hosts, read live."
        actions={<LiveIndicator />}
      />
      <NetworksClient initial={hosts} />
    </>
  );
}
