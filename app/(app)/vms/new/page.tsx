import type { Metadata } from "next";
import Link from "next/link";
import { HostUnreachable } from "@/components/hosts/host-unreachable";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { CreateVmWizard } from "@/components/vms/create/create-vm-wizard";
import { requireUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db/client";
import { toActionError } from "@/lib/errors";
import { type CreateVmOptions, readCreateVmOptions } from "@/lib/vms/create-options";

export const metadata: Metadata = { title: "Create VM" };
export const dynamic = "force-dynamic";

export default async function Page({ searchParams }: { searchParams: Promise<{ host?: string }> }) {
  await requireUser();
  const { host: wanted } = await searchParams;
  const hosts = await db.host.findMany({
    select: { id: true, name: true },
    orderBy: { name: "asc" },
  });
  const host = hosts.find((h) => h.id === wanted) ?? hosts[0];
  const back = (
    <Link href="/vms" className="text-sm text-indigo-600 hover:underline dark:text-indigo-400">
      ← All VMs
    </Link>
  );
  if (!host)
    return (
      <>
        <PageHeader title="Create VM" actions={back} />
        <EmptyState title="No hosts yet">Add a host first.</EmptyState>
      </>
    );
  let options: CreateVmOptions | null = null;
  let error: string | null = null;
  try {
    options = await readCreateVmOptions(host.id);
  } catch (e) {
    error = toActionError(e);
  }
  return (
    <>
      <PageHeader title="Create VM" actions={back} />
      {options ? (
        <CreateVmWizard key={host.id} options={options} hosts={hosts} />
      ) : (
        <HostUnreachable
          host={host}
          error={error}
          others={hosts.filter((h) => h.id !== host.id)}
          basePath="/vms/new"
        />
      )}
    </>
  );
}
