import type { Metadata } from "next";
import { HostDetail } from "@/components/hosts/host-detail";
import { pageAccessTo } from "@/lib/access/page-access";
import { host } from "@/lib/access/targets";
import { getHostDetails } from "@/lib/hosts/host-details";

export const metadata: Metadata = { title: "Host" };

export default async function HostPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { access } = await pageAccessTo("Host.Audit", host(id));
  return <HostDetail host={await getHostDetails(id, (v) => access.seesVm(v))} />;
}
