"use client";
import { useRouter } from "next/navigation";
import { Button, buttonClass } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { useFormAction } from "@/components/ui/use-form-action";
import { signInAction } from "@/lib/actions/auth";

export function SignInForm({
  singleSignOn,
  refusal,
}: {
  /** The identity provider's name on the button, or null when single sign-on is off. */
  singleSignOn: string | null;
  /** Why the last single sign-on was refused, in words. */
  refusal: string | null;
}) {
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
    <div className="flex flex-col gap-4">
      {refusal ? (
        <div data-testid="sign-in-refusal">
          <FormError message={refusal} />
        </div>
      ) : null}
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
      {singleSignOn ? (
        // A plain navigation: the start route answers with a redirect to the identity provider.
        <a href="/auth/oidc/start" className={buttonClass("secondary")}>
          Sign in with {singleSignOn}
        </a>
      ) : null}
    </div>
  );
}
