import type { Metadata } from "next";
import { VmHardware } from "@/components/vms/page/vm-hardware";
import { pageAccessTo } from "@/lib/access/page-access";
import { vm as vmTarget } from "@/lib/access/targets";
import { getVm } from "@/lib/inventory/list-vms";

export const metadata: Metadata = { title: "Hardware" };

export default async function VmHardwarePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await pageAccessTo("VM.Audit", vmTarget(id));
  return <VmHardware initial={(await getVm(id))!} />;
}
