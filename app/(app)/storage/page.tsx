import type { Metadata } from "next";
import { LiveIndicator } from "@/components/live/live-indicator";
import { PoolsClient } from "@/components/storage/pools-client";
import { PageHeader } from "@/components/ui/page-header";
import { pageAccess } from "@/lib/access/page-access";
import { listAllPools } from "@/lib/storage/read-storage";

export const metadata: Metadata = { title: "Storage" };
export const dynamic = "force-dynamic";

export default async function Page() {
  const { access } = await pageAccess();
  // Read live from each host, in parallel, each with a short limit: an offline host says so.
  const hosts = await listAllPools(access);
  return (
    <>
      <PageHeader
        title="Storage"
        description="Storage pools and volumes of your hosts, read live."
        actions={<LiveIndicator />}
      />
      <PoolsClient initial={hosts} />
    </>
  );
}
