import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ConsoleView } from "@/components/consoles/console-view";
import { requireUser } from "@/lib/auth/current-user";
import { getVm } from "@/lib/inventory/list-vms";
import { consoleTypeSchema } from "@/lib/schemas/console";

export const metadata: Metadata = { title: "Console" };

/** The pop-out window: the console alone, without the app's navigation. */
export default async function PopOutConsolePage({
  params,
}: {
  params: Promise<{ id: string; type: string }>;
}) {
  await requireUser();
  const { id, type } = await params;
  const parsed = consoleTypeSchema.safeParse(type);
  const vm = await getVm(id);
  if (!vm || !parsed.success) notFound();
  return (
    <main className="p-3">
      <h1 className="mb-2 text-sm font-semibold">
        {vm.name} <span className="font-normal text-zinc-500">on {vm.hostName}</span>
      </h1>
      <ConsoleView
        vm={{ id: vm.id, name: vm.name, hasVnc: vm.graphics.some((g) => g.type === "vnc") }}
        type={parsed.data}
        popOut
      />
    </main>
  );
}
