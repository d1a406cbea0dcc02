import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { VmDetail } from "@/components/vms/vm-detail";
import { requireUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db/client";
import { getVm } from "@/lib/inventory/list-vms";

export const metadata: Metadata = { title: "Virtual machine" };

export default async function VmPage({ params }: { params: Promise<{ id: string }> }) {
  await requireUser();
  const { id } = await params;
  const vm = await getVm(id);
  if (!vm) notFound();
  const events = await db.vmEvent.findMany({
    where: { vmId: id },
    orderBy: { at: "desc" },
    take: 20,
  });
  return (
    <VmDetail
      initial={vm}
      events={events.map((e) => ({
        id: e.id,
        at: e.at.toISOString(),
        kind: e.kind,
        message: e.message,
      }))}
    />
  );
}
