import type { Metadata } from "next";
import { VmSnapshotsTab } from "@/components/vms/page/vm-snapshots";
import { pageAccessTo } from "@/lib/access/page-access";
import { vm as vmTarget } from "@/lib/access/targets";
import { getVm } from "@/lib/inventory/list-vms";

export const metadata: Metadata = { title: "Snapshots" };

export default async function VmSnapshotsPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await pageAccessTo("VM.Audit", vmTarget(id));
  return <VmSnapshotsTab initial={(await getVm(id))!} />;
}
