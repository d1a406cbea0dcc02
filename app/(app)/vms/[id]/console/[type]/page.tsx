import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ConsoleView } from "@/components/consoles/console-view";
import { PageHeader } from "@/components/ui/page-header";
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
  const vm = await getVm(id);
  if (!vm || !parsed.success) notFound();
  return (
    <>
      <PageHeader
        title={`${vm.name} console`}
        description={`on ${vm.hostName}`}
        actions={
          <Link
            href={`/vms/${vm.id}`}
            className="text-sm text-indigo-600 hover:underline dark:text-indigo-400"
          >
            ← {vm.name}
          </Link>
        }
      />
      <ConsoleView
        vm={{ id: vm.id, name: vm.name, hasVnc: vm.graphics.some((g) => g.type === "vnc") }}
        type={parsed.data}
      />
    </>
  );
}
