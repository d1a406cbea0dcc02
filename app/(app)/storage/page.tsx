import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/current-user";

export const metadata: Metadata = { title: "Storage" };

export default async function Page() {
  await requireUser();
  return (
    <>
      <PageHeader title="Storage" description="Storage pools and volumes of your hosts." />
      <EmptyState title="Not available yet">
        Storage pools, volumes and ISO uploads will be managed here once Virtdeck connects to your
        hosts.
      </EmptyState>
    </>
  );
}
