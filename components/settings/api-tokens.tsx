"use client";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Field } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { useFormAction } from "@/components/ui/use-form-action";
import { createApiTokenAction, revokeApiTokenAction } from "@/lib/actions/api-tokens";

export interface ApiTokenRow {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
}

export function ApiTokens({ tokens }: { tokens: ApiTokenRow[] }) {
  const [created, setCreated] = useState<string | null>(null);
  const [revoking, setRevoking] = useState<ApiTokenRow | null>(null);
  const [pending, startTransition] = useTransition();
  const {
    onSubmit,
    fieldErrors,
    error,
    pending: creating,
  } = useFormAction(createApiTokenAction, ({ token }, form) => {
    setCreated(token);
    form.reset();
  });
  const revoke = () =>
    startTransition(async () => {
      if (revoking) await revokeApiTokenAction({ id: revoking.id });
      setRevoking(null);
    });

  return (
    <div className="flex flex-col gap-4">
      <form onSubmit={onSubmit} aria-label="Create API token" className="flex items-start gap-3">
        <div className="flex-1">
          <Field
            label="Token name"
            name="name"
            placeholder="ansible on ops1"
            required
            error={fieldErrors.name?.[0]}
          />
        </div>
        <Button type="submit" disabled={creating} className="mt-6">
          {creating ? "Creating…" : "Create token"}
        </Button>
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
              className="flex items-center justify-between py-2"
              data-testid="api-token-row"
            >
              <span>
                <strong>{t.name}</strong> <code className="text-xs text-zinc-500">{t.prefix}…</code>
                <span className="ml-2 text-xs text-zinc-500">
                  {t.lastUsedAt
                    ? `last used ${t.lastUsedAt.slice(0, 16).replace("T", " ")} UTC`
                    : "never used"}
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
        onConfirm={revoke}
        onCancel={() => setRevoking(null)}
      >
        Anything still using this token will get 401 Unauthorized from now on.
      </ConfirmDialog>
    </div>
  );
}
