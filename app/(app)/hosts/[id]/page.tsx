import type { Metadata } from "next";
import { HostDetail } from "@/components/hosts/host-detail";
import { pageAccessTo } from "@/lib/access/page-access";
import { host } from "@/lib/access/targets";
import { getHostDetails } from "@/lib/hosts/host-details";
import { listTasks } from "@/lib/tasks/query";

export const metadata: Metadata = { title: "Host" };

export default async function HostPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { access } = await pageAccessTo("Host.Audit", host(id));
  const [details, tasks] = await Promise.all([
    getHostDetails(id, (v) => access.seesVm(v)),
    listTasks(access, { host: id, limit: 20 }),
  ]);
  return <HostDetail host={details} tasks={tasks} />;
}
