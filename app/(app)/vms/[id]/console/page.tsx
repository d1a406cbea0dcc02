import { redirect } from "next/navigation";
import { pageAccessTo } from "@/lib/access/page-access";
import { vm as vmTarget } from "@/lib/access/targets";
import { getVm } from "@/lib/inventory/list-vms";

/** /vms/{id}/console opens the screen when the VM has one, else the serial console. */
export default async function ConsoleIndex({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await pageAccessTo("VM.Console", vmTarget(id));
  const vm = await getVm(id);
  redirect(`/vms/${id}/console/${vm?.graphics.some((g) => g.type === "vnc") ? "vnc" : "serial"}`);
}
