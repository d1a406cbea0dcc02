"use client";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { useFormAction } from "@/components/ui/use-form-action";
import { signInAction } from "@/lib/actions/auth";

export function SignInForm() {
  const router = useRouter();
  const { onSubmit, error, pending } = useFormAction(
    signInAction,
    ({ mustChangePassword, secondFactor }) => {
      router.replace(
        secondFactor ? "/login/second-factor" : mustChangePassword ? "/account/password" : "/",
      );
      router.refresh();
    },
  );
  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4">
      <Field label="Username" name="username" autoComplete="username" required autoFocus />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete="current-password"
        required
      />
      <FormError message={error} />
      <Button type="submit" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
