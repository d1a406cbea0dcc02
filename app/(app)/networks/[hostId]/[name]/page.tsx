import type { Metadata } from "next";
import Link from "next/link";
import { NetworkDetailView } from "@/components/networks/network-detail";
import { EmptyState } from "@/components/ui/empty-state";
import { LINK } from "@/components/ui/link-style";
import { PageHeader } from "@/components/ui/page-header";
import { pageAccessTo } from "@/lib/access/page-access";
import { network } from "@/lib/access/targets";
import { toActionError } from "@/lib/errors";
import { getNetworkDetail } from "@/lib/networks/network-detail";
import type { NetworkDetail } from "@/lib/networks/summaries";

export const metadata: Metadata = { title: "Network" };
export const dynamic = "force-dynamic";

export default async function Page({
  params,
}: {
  params: Promise<{ hostId: string; name: string }>;
}) {
  const { hostId, name: raw } = await params;
  const name = decodeURIComponent(raw);
  const { access } = await pageAccessTo("Network.Audit", network(hostId, name));
  let net: NetworkDetail | null = null;
  let error = "";
  try {
    net = await getNetworkDetail(hostId, name, access);
  } catch (e) {
    error = toActionError(e);
  }
  if (net) return <NetworkDetailView initial={net} />;
  return (
    <>
      <PageHeader
        title={name}
        actions={
          <Link href="/networks" className={`text-sm ${LINK}`}>
            ← All networks
          </Link>
        }
      />
      <EmptyState title="Cannot read this network">{error}</EmptyState>
    </>
  );
}
