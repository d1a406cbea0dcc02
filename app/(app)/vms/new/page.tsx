import type { Metadata } from "next";
import Link from "next/link";
import { HostUnreachable } from "@/components/hosts/host-unreachable";
import { EmptyState } from "@/components/ui/empty-state";
import { LINK } from "@/components/ui/link-style";
import { PageHeader } from "@/components/ui/page-header";
import { CreateVmWizard } from "@/components/vms/create/create-vm-wizard";
import { pageAccess } from "@/lib/access/page-access";
import { toActionError } from "@/lib/errors";
import { listHosts } from "@/lib/hosts/store";
import { type CreateVmOptions, optionsFor, readCreateVmOptions } from "@/lib/vms/create-options";

export const metadata: Metadata = { title: "Create VM" };
export const dynamic = "force-dynamic";

export default async function Page({ searchParams }: { searchParams: Promise<{ host?: string }> }) {
  const { access } = await pageAccess();
  const { host: wanted } = await searchParams;
  // Only the hosts where the caller may create VMs are offered.
  const hosts = (await listHosts())
    .filter((h) => access.can("VM.Allocate", { kind: "host", hostId: h.id }))
    .map((h) => ({ id: h.id, name: h.name, maintenance: h.maintenance }));
  // A host in maintenance takes no new VMs: it is shown, not chosen.
  const host = hosts.find((h) => h.id === wanted) ?? hosts.find((h) => !h.maintenance) ?? hosts[0];
  const back = (
    <Link href="/vms" className={`text-sm ${LINK}`}>
      ← All VMs
    </Link>
  );
  if (!host)
    return (
      <>
        <PageHeader title="Create VM" actions={back} />
        <EmptyState title="No host to create VMs on">
          Creating a VM needs VM.Allocate on a host; you hold it on none. Add a host, or ask an
          administrator for a role such as Operator on one.
        </EmptyState>
      </>
    );
  let options: CreateVmOptions | null = null;
  let error: string | null = null;
  try {
    options = optionsFor(await readCreateVmOptions(host.id), access);
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
