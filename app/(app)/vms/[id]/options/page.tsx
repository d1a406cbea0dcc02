import type { Metadata } from "next";
import { VmOptions } from "@/components/vms/page/vm-options";
import { pageAccessTo } from "@/lib/access/page-access";
import { vm as vmTarget } from "@/lib/access/targets";
import { getVm } from "@/lib/inventory/list-vms";

export const metadata: Metadata = { title: "Options" };

export default async function VmOptionsPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await pageAccessTo("VM.Audit", vmTarget(id));
  return <VmOptions initial={(await getVm(id))!} />;
}
