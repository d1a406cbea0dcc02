import type { Metadata } from "next";
import { AuthCard } from "@/components/auth/auth-card";
import { ChangePasswordForm } from "@/components/auth/change-password-form";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { pageAccess } from "@/lib/access/page-access";
import { listApiTokens } from "@/lib/auth/api-tokens";
import { setupPage } from "@/lib/auth/session-store";

export const metadata: Metadata = { title: "Change password" };

export default async function ChangePasswordPage() {
  const { user } = await pageAccess({ duringSetup: true });
  const form = <ChangePasswordForm tokens={(await listApiTokens(user.userId)).length} />;
  // Forced (the one-time password of the first sign-in, or a setup still due): nothing else
  // opens until it is done, so no shell (app/account/layout.tsx), but one may leave.
  if (setupPage(user))
    return (
      <AuthCard
        title="Choose a new password"
        note={
          user.mustChangePassword
            ? "You signed in with the one-time password printed at first start. Choose your own before going on."
            : `Changing the password of ${user.username}. Your other sessions will be signed out.`
        }
      >
        {form}
        <div className="mt-4 flex justify-center border-t border-zinc-200 pt-4 dark:border-zinc-800">
          <SignOutButton />
        </div>
      </AuthCard>
    );
  return (
    <div className="max-w-2xl">
      <PageHeader
        title="Change password"
        description={`Changing the password of ${user.username}. Your other sessions will be signed out.`}
      />
      <div className="max-w-md">
        <Card>{form}</Card>
      </div>
    </div>
  );
}
