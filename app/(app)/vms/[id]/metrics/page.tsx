import type { Metadata } from "next";
import { VmMetrics } from "@/components/vms/page/vm-metrics";
import { pageAccessTo } from "@/lib/access/page-access";
import { vm as vmTarget } from "@/lib/access/targets";
import { getVm } from "@/lib/inventory/list-vms";

export const metadata: Metadata = { title: "Metrics" };

export default async function VmMetricsPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await pageAccessTo("VM.Audit", vmTarget(id));
  return <VmMetrics initial={(await getVm(id))!} />;
}
