import type { Metadata } from "next";
import { VmSummaryTab } from "@/components/vms/page/vm-summary";
import { pageAccessTo } from "@/lib/access/page-access";
import { vm as vmTarget } from "@/lib/access/targets";
import { getVm } from "@/lib/inventory/list-vms";

export const metadata: Metadata = { title: "Virtual machine" };

export default async function VmSummaryPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await pageAccessTo("VM.Audit", vmTarget(id));
  return <VmSummaryTab initial={(await getVm(id))!} />;
}
