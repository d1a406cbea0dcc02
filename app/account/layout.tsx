import Link from "next/link";
import type { ReactNode } from "react";
import { AppShell } from "@/components/shell/app-shell";
import { LINK } from "@/components/ui/link-style";
import { pageAccess } from "@/lib/access/page-access";
import { setupPage } from "@/lib/auth/session-store";
import { AccessProvider } from "@/lib/queries/access";

/**
 * One's own account pages sit in the app's shell like every signed-in page, with a way back to
 * Settings. While a setup is forced every other page sends the user back here, so nothing may
 * lead elsewhere: the one-time password's page stands alone (a sign-in card), and a required
 * second factor's page keeps the shell's header (Sign out) without the sidebar. The tree keeps
 * its shape when the factor is set up, so the recovery codes just shown stay on screen.
 */
export default async function AccountLayout({ children }: { children: ReactNode }) {
  const { user, access } = await pageAccess({ duringSetup: true });
  const setup = setupPage(user);
  if (setup === "/account/password") return children;
  return (
    <AccessProvider grants={access.permissions.user.grants}>
      <AppShell username={user.username} navigation={!setup}>
        {setup ? null : (
          <Link href="/settings" className={`mb-2 inline-block text-sm ${LINK}`}>
            ← Settings
          </Link>
        )}
        {children}
      </AppShell>
    </AccessProvider>
  );
}
