import type { ReactNode } from "react";
import { AppShell } from "@/components/shell/app-shell";
import { pageAccess } from "@/lib/access/page-access";
import { AccessProvider } from "@/lib/queries/access";

export default async function AppLayout({ children }: { children: ReactNode }) {
  const { user, access } = await pageAccess();
  return (
    <AccessProvider grants={access.permissions.user.grants}>
      <AppShell username={user.username}>{children}</AppShell>
    </AccessProvider>
  );
}
