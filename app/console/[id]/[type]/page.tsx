import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ConsoleView } from "@/components/consoles/console-view";
import { pageAccessTo } from "@/lib/access/page-access";
import { vm as vmTarget } from "@/lib/access/targets";
import { getVm } from "@/lib/inventory/list-vms";
import { consoleTypeSchema } from "@/lib/schemas/console";

export const metadata: Metadata = { title: "Console" };

/** The pop-out window: the console alone, without the app's navigation. */
export default async function PopOutConsolePage({
  params,
}: {
  params: Promise<{ id: string; type: string }>;
}) {
  const { id, type } = await params;
  const parsed = consoleTypeSchema.safeParse(type);
  if (!parsed.success) notFound();
  const { denied } = await pageAccessTo("VM.Console", vmTarget(id));
  const vm = (await getVm(id))!;
  return (
    <main className="p-3">
      <h1 className="mb-2 text-sm font-semibold">
        {vm.name} <span className="font-normal text-zinc-500">on {vm.hostName}</span>
      </h1>
      {denied ? (
        <p className="text-sm">{denied}</p>
      ) : (
        <ConsoleView
          vm={{ id: vm.id, name: vm.name, hasVnc: vm.graphics.some((g) => g.type === "vnc") }}
          type={parsed.data}
          popOut
        />
      )}
    </main>
  );
}
