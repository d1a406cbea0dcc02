import type { ReactNode } from "react";
import { VmHeader } from "@/components/vms/page/vm-header";
import { pageAccessTo } from "@/lib/access/page-access";
import { vm as vmTarget } from "@/lib/access/targets";
import { getVm } from "@/lib/inventory/list-vms";

/** Every tab of a VM page: its name, state and actions, the tabs, then the tab itself. */
export default async function VmLayout({
  params,
  children,
}: {
  params: Promise<{ id: string }>;
  children: ReactNode;
}) {
  const { id } = await params;
  // Each tab page checks again: Next can render a segment alone.
  await pageAccessTo("VM.Audit", vmTarget(id));
  const vm = (await getVm(id))!;
  return (
    <>
      <VmHeader initial={vm} />
      {children}
    </>
  );
}
