import type { Metadata } from "next";
import { AuthCard } from "@/components/auth/auth-card";
import { ChangePasswordForm } from "@/components/auth/change-password-form";
import { requireUser } from "@/lib/auth/current-user";

export const metadata: Metadata = { title: "Change password" };

export default async function ChangePasswordPage() {
  const user = await requireUser({ allowPasswordChange: true });
  return (
    <AuthCard
      title="Choose a new password"
      note={
        user.mustChangePassword
          ? "You signed in with the one-time password printed at first start. Choose your own before going on."
          : `Changing the password of ${user.username}. Your other sessions will be signed out.`
      }
    >
      <ChangePasswordForm />
    </AuthCard>
  );
}
