import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/current-user";

export const metadata: Metadata = { title: "Networks" };

export default async function Page() {
  await requireUser();
  return (
    <>
      <PageHeader
        title="Networks"
        description="NAT, public bridge and private bridge networks of your hosts."
      />
      <EmptyState title="Not available yet">
        Virtual networks will be listed and managed here once Virtdeck connects to your hosts.
      </EmptyState>
    </>
  );
}
