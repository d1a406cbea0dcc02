import type { ReactNode } from "react";
import { AppShell } from "@/components/shell/app-shell";
import { aclSnapshot, userGrants } from "@/lib/access/acl-snapshot";
import { pageAccess } from "@/lib/access/page-access";
import { AccessProvider } from "@/lib/queries/access";

export default async function AppLayout({ children }: { children: ReactNode }) {
  const { user } = await pageAccess();
  const grants = userGrants(await aclSnapshot(), user.userId);
  return (
    <AccessProvider grants={grants}>
      <AppShell username={user.username}>{children}</AppShell>
    </AccessProvider>
  );
}
