import type { ReactNode } from "react";
import { AppShell } from "@/components/shell/app-shell";
import { pageAccess } from "@/lib/access/page-access";
import { setupPage } from "@/lib/auth/session-store";
import { AccessProvider } from "@/lib/queries/access";

/**
 * One's own account pages sit in the app's shell like every signed-in page, except while a
 * setup is forced (the one-time password, a required second factor): then every other page
 * sends the user back here, so the shell would lead nowhere and the page stands alone.
 */
export default async function AccountLayout({ children }: { children: ReactNode }) {
  const { user, access } = await pageAccess({ duringSetup: true });
  if (setupPage(user)) return children;
  return (
    <AccessProvider grants={access.permissions.user.grants}>
      <AppShell username={user.username}>{children}</AppShell>
    </AccessProvider>
  );
}
