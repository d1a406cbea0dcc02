"use client";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { useFormAction } from "@/components/ui/use-form-action";
import { changePasswordAction } from "@/lib/actions/auth";

export function ChangePasswordForm() {
  const router = useRouter();
  const { onSubmit, fieldErrors, error, pending } = useFormAction(changePasswordAction, () => {
    router.replace("/");
    router.refresh();
  });
  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4">
      <Field
        label="Current password"
        name="currentPassword"
        type="password"
        autoComplete="current-password"
        required
        error={fieldErrors.currentPassword?.[0]}
      />
      <Field
        label="New password"
        name="newPassword"
        type="password"
        autoComplete="new-password"
        required
        hint="At least 12 characters"
        error={fieldErrors.newPassword?.[0]}
      />
      <Field
        label="Repeat the new password"
        name="confirmPassword"
        type="password"
        autoComplete="new-password"
        required
        error={fieldErrors.confirmPassword?.[0]}
      />
      <FormError message={error} />
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Set new password"}
      </Button>
    </form>
  );
}
