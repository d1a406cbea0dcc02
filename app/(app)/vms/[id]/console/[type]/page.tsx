import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ConsoleView } from "@/components/consoles/console-view";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
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
