import type { Metadata } from "next";
import Link from "next/link";
import { HostUnreachable } from "@/components/hosts/host-unreachable";
import { CreateNetworkForm } from "@/components/networks/create-network-form";
import { EmptyState } from "@/components/ui/empty-state";
import { LINK } from "@/components/ui/link-style";
import { PageHeader } from "@/components/ui/page-header";
import { pageAccess } from "@/lib/access/page-access";
import { toActionError } from "@/lib/errors";
import { listHosts } from "@/lib/hosts/store";
import { proposeNetwork } from "@/lib/networks/proposals";

export const metadata: Metadata = { title: "Create network" };
export const dynamic = "force-dynamic";

export default async function Page({ searchParams }: { searchParams: Promise<{ host?: string }> }) {
  const { access } = await pageAccess();
  const { host: hostId } = await searchParams;
  const host = (await listHosts()).find(
    (h) => h.id === hostId && access.can("Network.Allocate", { kind: "host", hostId: h.id }),
  );
  const back = (
    <Link href="/networks" className={`text-sm ${LINK}`}>
      ← All networks
    </Link>
  );
  if (!host)
    return (
      <>
        <PageHeader title="Create network" actions={back} />
        <EmptyState title="Choose a host">
          Open the networks page and pick a host where you may create networks (Network.Allocate).
        </EmptyState>
      </>
    );
  let proposal: Awaited<ReturnType<typeof proposeNetwork>> | null = null;
  let error: string | null = null;
  try {
    proposal = await proposeNetwork(host.id);
  } catch (e) {
    error = toActionError(e);
  }
  return (
    <>
      <PageHeader title={`Create a network on ${host.name}`} actions={back} />
      {proposal ? (
        <CreateNetworkForm hostId={host.id} hostName={host.name} proposal={proposal} />
      ) : (
        <HostUnreachable host={host} error={error} others={[]} basePath="/networks/new" />
      )}
    </>
  );
}
