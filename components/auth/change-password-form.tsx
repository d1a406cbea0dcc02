"use client";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { useFormAction } from "@/components/ui/use-form-action";
import { changePasswordAction } from "@/lib/actions/auth";

/** `tokens`: how many API tokens the account has (offered for revoking with the change). */
export function ChangePasswordForm({ tokens }: { tokens: number }) {
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
      {tokens > 0 ? (
        <label className="flex items-start gap-2 text-sm">
          <input type="checkbox" name="revokeTokens" className="mt-1" />
          <span>
            Also revoke my {tokens === 1 ? "API token" : `${tokens} API tokens`}
            <span className="block text-xs text-zinc-500">
              Do this if the old password may be known to someone else: tokens outlive it
            </span>
          </span>
        </label>
      ) : null}
      <FormError message={error} />
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Set new password"}
      </Button>
    </form>
  );
}
