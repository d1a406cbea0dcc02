import type { Metadata } from "next";
import { VmDetail } from "@/components/vms/vm-detail";
import { pageAccessTo } from "@/lib/access/page-access";
import { vm as vmTarget } from "@/lib/access/targets";
import { getVm, listVmEvents } from "@/lib/inventory/list-vms";

export const metadata: Metadata = { title: "Virtual machine" };

export default async function VmPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await pageAccessTo("VM.Audit", vmTarget(id));
  const [vm, events] = await Promise.all([getVm(id), listVmEvents(id)]);
  return <VmDetail initial={vm!} events={events} />;
}
