import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/current-user";

export const metadata: Metadata = { title: "Virtual machines" };

export default async function Page() {
  await requireUser();
  return (
    <>
      <PageHeader
        title="Virtual machines"
        description="Every VM on every host, as it is right now."
      />
      <EmptyState title="Not available yet">
        Virtdeck does not connect to hosts yet, so it cannot list their virtual machines. The VM
        list, with live state and start and stop buttons, comes with host connections.
      </EmptyState>
    </>
  );
}
