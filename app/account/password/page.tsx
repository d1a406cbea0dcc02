import type { Metadata } from "next";
import { AuthCard } from "@/components/auth/auth-card";
import { ChangePasswordForm } from "@/components/auth/change-password-form";
import { pageAccess } from "@/lib/access/page-access";
import { listApiTokens } from "@/lib/auth/api-tokens";

export const metadata: Metadata = { title: "Change password" };

export default async function ChangePasswordPage() {
  const { user } = await pageAccess({ duringSetup: true });
  return (
    <AuthCard
      title="Choose a new password"
      note={
        user.mustChangePassword
          ? "You signed in with the one-time password printed at first start. Choose your own before going on."
          : `Changing the password of ${user.username}. Your other sessions will be signed out.`
      }
    >
      <ChangePasswordForm tokens={(await listApiTokens(user.userId)).length} />
    </AuthCard>
  );
}
