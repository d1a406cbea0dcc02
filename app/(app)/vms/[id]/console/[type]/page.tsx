import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ConsoleView } from "@/components/consoles/console-view";
import { EmptyState } from "@/components/ui/empty-state";
import { pageAccessTo } from "@/lib/access/page-access";
import { vm as vmTarget } from "@/lib/access/targets";
import { getVm } from "@/lib/inventory/list-vms";
import { consoleTypeSchema } from "@/lib/schemas/console";

export const metadata: Metadata = { title: "Console" };

export default async function ConsolePage({
  params,
}: {
  params: Promise<{ id: string; type: string }>;
}) {
  const { id, type } = await params;
  const parsed = consoleTypeSchema.safeParse(type);
  if (!parsed.success) notFound();
  // The page checks the session and the privilege itself: Next can render a segment alone.
  const { denied } = await pageAccessTo("VM.Console", vmTarget(id));
  const vm = (await getVm(id))!;
  // The VM page's layout shows the VM's name, state and tabs above.
  return (
    <>
      {denied ? (
        <EmptyState title="No console for you here">{denied}</EmptyState>
      ) : (
        <ConsoleView
          vm={{ id: vm.id, name: vm.name, hasVnc: vm.graphics.some((g) => g.type === "vnc") }}
          type={parsed.data}
        />
      )}
    </>
  );
}
