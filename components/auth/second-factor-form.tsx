"use client";
import { startAuthentication } from "@simplewebauthn/browser";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { LINK } from "@/components/ui/link-style";
import { useFormAction } from "@/components/ui/use-form-action";
import {
  passkeyChallengeAction,
  passkeySignInAction,
  secondFactorCodeAction,
} from "@/lib/actions/auth";

/** A code from the app or a recovery code, and the passkey button when the user has one. */
export function SecondFactorForm({ totp, passkey }: { totp: boolean; passkey: boolean }) {
  const router = useRouter();
  const [passkeyError, setPasskeyError] = useState<string | null>(null);
  const [passkeyPending, startPasskey] = useTransition();
  const done = ({ mustChangePassword }: { mustChangePassword: boolean }) => {
    router.replace(mustChangePassword ? "/account/password" : "/");
    router.refresh();
  };
  const { onSubmit, error, fieldErrors, pending } = useFormAction(secondFactorCodeAction, done);

  const signInWithPasskey = () =>
    startPasskey(async () => {
      setPasskeyError(null);
      const challenge = await passkeyChallengeAction({});
      if (!challenge.ok) return setPasskeyError(challenge.error);
      let response: Awaited<ReturnType<typeof startAuthentication>>;
      try {
        response = await startAuthentication({ optionsJSON: challenge.data.options });
      } catch (e) {
        return setPasskeyError(`The browser did not use a passkey: ${(e as Error).message}`);
      }
      const result = await passkeySignInAction({ response });
      if (!result.ok) return setPasskeyError(result.error);
      done(result.data);
    });

  return (
    <div className="flex flex-col gap-4">
      {passkey ? (
        <>
          <Button type="button" onClick={signInWithPasskey} disabled={passkeyPending}>
            {passkeyPending ? "Waiting for the passkey…" : "Use a passkey"}
          </Button>
          <FormError message={passkeyError} />
        </>
      ) : null}
      <form onSubmit={onSubmit} className="flex flex-col gap-4" aria-label="Second factor code">
        <Field
          label={totp ? "Code from your app, or a recovery code" : "Recovery code"}
          name="code"
          autoComplete="one-time-code"
          inputMode={totp ? "numeric" : "text"}
          required
          autoFocus={!passkey}
          error={fieldErrors.code?.[0]}
        />
        <FormError message={error} />
        <Button type="submit" variant={passkey ? "secondary" : "primary"} disabled={pending}>
          {pending ? "Checking…" : "Sign in"}
        </Button>
      </form>
      <Link href="/login" className={`text-center text-sm ${LINK}`}>
        Start again with the password
      </Link>
    </div>
  );
}
