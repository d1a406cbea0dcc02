import { notFound, redirect } from "next/navigation";
import { getVm } from "@/lib/inventory/list-vms";

/** /vms/{id}/console opens the screen when the VM has one, else the serial console. */
export default async function ConsoleIndex({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const vm = await getVm(id);
  if (!vm) notFound();
  redirect(`/vms/${id}/console/${vm.graphics.some((g) => g.type === "vnc") ? "vnc" : "serial"}`);
}
