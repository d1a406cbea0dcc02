import type { Metadata } from "next";
import { VmHistory } from "@/components/vms/page/vm-history";
import { pageAccessTo } from "@/lib/access/page-access";
import { vm as vmTarget } from "@/lib/access/targets";
import { getVm, listVmEvents } from "@/lib/inventory/list-vms";
import { listTasks } from "@/lib/tasks/query";

export const metadata: Metadata = { title: "History" };

export default async function VmHistoryPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { access } = await pageAccessTo("VM.Audit", vmTarget(id));
  const [vm, events] = await Promise.all([getVm(id), listVmEvents(id, 50)]);
  const tasks = await listTasks(access, { vm: vm!.uuid, limit: 20 });
  return <VmHistory initial={vm!} events={events} tasks={tasks} />;
}
