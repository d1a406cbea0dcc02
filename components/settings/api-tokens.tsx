"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Field } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { useFormAction } from "@/components/ui/use-form-action";
import { useRun } from "@/components/ui/use-run";
import { createApiTokenAction, revokeApiTokenAction } from "@/lib/actions/api-tokens";
import type { ApiTokenSummary } from "@/lib/auth/api-tokens";
import { formatUtc } from "@/lib/format";

/** Your API tokens: mint one (your password again), see when each was used, revoke. */
export function ApiTokens({ tokens }: { tokens: ApiTokenSummary[] }) {
  const router = useRouter();
  const [created, setCreated] = useState<string | null>(null);
  const [revoking, setRevoking] = useState<ApiTokenSummary | null>(null);
  const { run, pending } = useRun("api-token-outcome");
  const {
    onSubmit,
    fieldErrors,
    error,
    pending: creating,
  } = useFormAction(createApiTokenAction, ({ token }, form) => {
    setCreated(token);
    form.reset();
    router.refresh();
  });
  const revoke = (t: ApiTokenSummary) =>
    run(
      () => revokeApiTokenAction({ id: t.id }),
      `Revoked ${t.name}`,
      () => {
        setRevoking(null);
        router.refresh();
      },
    );

  return (
    <div className="flex flex-col gap-4">
      <form onSubmit={onSubmit} aria-label="Create API token" className="grid gap-3 sm:grid-cols-2">
        <Field
          label="Token name"
          name="name"
          placeholder="ansible on ops1"
          required
          error={fieldErrors.name?.[0]}
        />
        <Field
          label="Your password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          error={fieldErrors.password?.[0]}
          hint="Asked again so that a borrowed session cannot mint tokens"
        />
        <Field
          label="Expires after (days)"
          name="expiresInDays"
          type="number"
          min={0}
          max={3650}
          placeholder="never"
          error={fieldErrors.expiresInDays?.[0]}
          hint="Empty or 0: until revoked"
        />
        <label className="flex items-start gap-2 self-center text-sm">
          <input type="checkbox" name="privsep" className="mt-1" />
          <span>
            Privilege-separated
            <span className="block text-xs text-zinc-500">
              Holds only what you grant the token (never more than you)
            </span>
          </span>
        </label>
        <div className="sm:col-span-2">
          <Button type="submit" disabled={creating}>
            {creating ? "Creating…" : "Create token"}
          </Button>
        </div>
      </form>
      <FormError message={error} />
      {created ? (
        <div
          className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm dark:border-amber-500/40 dark:bg-amber-500/10"
          role="status"
        >
          <p className="font-medium">Copy this token now: it will not be shown again.</p>
          <code data-testid="new-api-token" className="mt-2 block break-all font-mono text-xs">
            {created}
          </code>
        </div>
      ) : null}
      {tokens.length === 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          No API tokens. Scripts can also sign in with POST /api/v1/auth/login.
        </p>
      ) : (
        <ul
          className="divide-y divide-zinc-200 text-sm dark:divide-zinc-800"
          aria-label="API tokens"
        >
          {tokens.map((t) => (
            <li
              key={t.id}
              className="flex flex-wrap items-center justify-between gap-2 py-2"
              data-testid="api-token-row"
            >
              <span>
                <strong>{t.name}</strong> <code className="text-xs text-zinc-500">{t.prefix}…</code>
                {t.privsep ? (
                  <span className="ml-2 rounded bg-zinc-100 px-1.5 py-0.5 text-xs dark:bg-zinc-800">
                    privilege-separated
                  </span>
                ) : null}
                <span className="ml-2 text-xs text-zinc-500">
                  {t.lastUsedAt ? `last used ${formatUtc(t.lastUsedAt)} UTC` : "never used"}
                  {t.expiresAt ? ` · expires ${formatUtc(t.expiresAt)} UTC` : ""}
                </span>
              </span>
              <Button
                variant="ghost"
                onClick={() => setRevoking(t)}
                aria-label={`Revoke ${t.name}`}
              >
                Revoke
              </Button>
            </li>
          ))}
        </ul>
      )}
      <ConfirmDialog
        open={revoking !== null}
        title={`Revoke ${revoking?.name ?? "token"}?`}
        confirmLabel="Revoke token"
        busy={pending}
        onConfirm={() => revoking && revoke(revoking)}
        onCancel={() => setRevoking(null)}
      >
        Anything still using this token will get 401 Unauthorized from now on.
      </ConfirmDialog>
    </div>
  );
}
