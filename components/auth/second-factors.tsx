"use client";
import { startRegistration } from "@simplewebauthn/browser";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Field } from "@/components/ui/field";
import { useRun } from "@/components/ui/use-run";
import {
  beginTotpAction,
  confirmTotpAction,
  passkeyRegisterAction,
  passkeyRegisterOptionsAction,
  removePasskeyAction,
  removeTotpAction,
  renewRecoveryCodesAction,
} from "@/lib/actions/auth";
import type { SecondFactorStatus } from "@/lib/auth/second-factor";
import { formatUtc } from "@/lib/format";

const TOTP_WORDS: Record<SecondFactorStatus["totp"], string> = {
  off: "Not set up.",
  enrolling: "Set-up started: scan the code and confirm it.",
  on: "On.",
  locked: "Locked after 8 wrong codes: sign in with a recovery code to unlock it.",
};

/** Recovery codes, shown once, with a way to keep them. */
function RecoveryCodes({ codes }: { codes: string[] }) {
  return (
    <div
      role="status"
      className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm dark:border-amber-500/40 dark:bg-amber-500/10"
    >
      <p className="font-medium">
        Recovery codes (shown only now). Each signs you in once if you lose your phone or key; keep
        them somewhere safe.
      </p>
      <ul data-testid="recovery-codes" className="mt-2 grid grid-cols-2 gap-1 font-mono">
        {codes.map((c) => (
          <li key={c}>{c}</li>
        ))}
      </ul>
    </div>
  );
}

/** One's own second factors: TOTP with its QR code, recovery codes, passkeys. */
export function SecondFactors({ status }: { status: SecondFactorStatus }) {
  const router = useRouter();
  const { run, pending } = useRun("second-factor-outcome");
  const [password, setPassword] = useState("");
  const [enrolment, setEnrolment] = useState<{ qrCode: string; manualKey: string } | null>(null);
  const [code, setCode] = useState("");
  const [codes, setCodes] = useState<string[] | null>(null);
  const [passkeyName, setPasskeyName] = useState("");
  const [removing, setRemoving] = useState<{ what: string; remove: () => void } | null>(null);
  // Known only in the browser: WebAuthn needs a secure context (HTTPS or localhost).
  const [webAuthn, setWebAuthn] = useState(false);
  useEffect(() => setWebAuthn(window.isSecureContext && "PublicKeyCredential" in window), []);

  const refreshed =
    <T,>(then?: (data: T) => void) =>
    (data: T) => {
      then?.(data);
      router.refresh();
    };

  const addPasskey = () =>
    run(
      async () => {
        const options = await passkeyRegisterOptionsAction({ password, name: passkeyName });
        if (!options.ok) return options;
        try {
          const response = await startRegistration({ optionsJSON: options.data.options });
          return passkeyRegisterAction({ response });
        } catch (e) {
          return {
            ok: false as const,
            error: `The browser made no passkey: ${(e as Error).message}`,
          };
        }
      },
      (d) => `Passkey ${d.passkey.name} added.`,
      refreshed((d) => {
        setPasskeyName("");
        if (d.recoveryCodes) setCodes(d.recoveryCodes);
      }),
    );

  return (
    <div className="grid gap-4">
      {status.required && status.totp !== "on" && status.passkeys.length === 0 ? (
        <p
          role="alert"
          className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm dark:border-amber-500/40 dark:bg-amber-500/10"
        >
          The sign-in policy requires a second factor for you: set up TOTP or add a passkey to go
          on.
        </p>
      ) : null}
      <Card title="Your password">
        <Field
          label="Password (every change on this page asks for it)"
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </Card>
      {codes ? <RecoveryCodes codes={codes} /> : null}

      <Card title="Authenticator app (TOTP)">
        <p className="text-sm" data-testid="totp-status">
          {TOTP_WORDS[status.totp]}
        </p>
        {status.totp === "off" || status.totp === "enrolling" ? (
          enrolment ? (
            <form
              aria-label="Confirm TOTP"
              className="mt-3 flex flex-col gap-3"
              onSubmit={(e) => {
                e.preventDefault();
                run(
                  () => confirmTotpAction({ code }),
                  "TOTP is on.",
                  refreshed((d) => {
                    setEnrolment(null);
                    setCode("");
                    if (d.recoveryCodes) setCodes(d.recoveryCodes);
                  }),
                );
              }}
            >
              {/* biome-ignore lint/performance/noImgElement: a generated data: URL */}
              <img
                src={enrolment.qrCode}
                alt="QR code for your authenticator app"
                width={200}
                height={200}
              />
              <p className="text-sm">
                Or type this key into the app:{" "}
                <code data-testid="totp-key" className="font-mono">
                  {enrolment.manualKey}
                </code>
              </p>
              <Field
                label="The six digits the app shows"
                name="totp-code"
                inputMode="numeric"
                autoComplete="one-time-code"
                value={code}
                onChange={(e) => setCode(e.target.value)}
              />
              <div>
                <Button type="submit" disabled={pending}>
                  Confirm and turn on
                </Button>
              </div>
            </form>
          ) : (
            <div className="mt-3">
              <Button
                disabled={pending}
                onClick={() =>
                  run(
                    () => beginTotpAction({ password }),
                    "Scan the code with your app.",
                    (d) => setEnrolment(d),
                  )
                }
              >
                Set up TOTP
              </Button>
            </div>
          )
        ) : (
          <div className="mt-3 flex flex-wrap gap-2">
            <Button
              variant="danger"
              disabled={pending}
              onClick={() =>
                setRemoving({
                  what: "TOTP",
                  remove: () =>
                    run(() => removeTotpAction({ password }), "TOTP removed.", refreshed()),
                })
              }
            >
              Remove TOTP
            </Button>
          </div>
        )}
      </Card>

      <Card title="Recovery codes">
        <p className="text-sm" data-testid="recovery-codes-left">
          {status.recoveryCodesLeft} of 10 left.
        </p>
        <div className="mt-3">
          <Button
            variant="secondary"
            disabled={pending}
            onClick={() =>
              run(
                () => renewRecoveryCodesAction({ password }),
                "New recovery codes made; the old ones no longer work.",
                refreshed((d) => setCodes(d.recoveryCodes)),
              )
            }
          >
            Make new recovery codes
          </Button>
        </div>
      </Card>

      <Card title="Passkeys and security keys">
        {status.passkeys.length === 0 ? (
          <p className="text-sm text-zinc-500">None yet.</p>
        ) : (
          <ul className="divide-y divide-zinc-200 text-sm dark:divide-zinc-800">
            {status.passkeys.map((p) => (
              <li
                key={p.id}
                className="flex items-center justify-between gap-2 py-2"
                data-testid="passkey-row"
              >
                <span>
                  <strong>{p.name}</strong>{" "}
                  <span className="text-zinc-500">
                    added {formatUtc(p.createdAt)}
                    {p.lastUsedAt ? `, last used ${formatUtc(p.lastUsedAt)}` : ", never used"}
                  </span>
                </span>
                <Button
                  variant="danger"
                  disabled={pending}
                  aria-label={`Remove passkey ${p.name}`}
                  onClick={() =>
                    setRemoving({
                      what: `the passkey ${p.name}`,
                      remove: () =>
                        run(
                          () => removePasskeyAction({ id: p.id, password }),
                          `Passkey ${p.name} removed.`,
                          refreshed(),
                        ),
                    })
                  }
                >
                  Remove
                </Button>
              </li>
            ))}
          </ul>
        )}
        {webAuthn ? (
          <form
            aria-label="Add a passkey"
            className="mt-3 flex flex-wrap items-end gap-2"
            onSubmit={(e) => {
              e.preventDefault();
              addPasskey();
            }}
          >
            <div className="grow">
              <Field
                label="Name"
                name="passkey-name"
                placeholder="laptop, YubiKey…"
                value={passkeyName}
                onChange={(e) => setPasskeyName(e.target.value)}
              />
            </div>
            <Button type="submit" disabled={pending}>
              Add a passkey
            </Button>
          </form>
        ) : (
          <p className="mt-3 text-sm text-zinc-500">
            Browsers offer passkeys only over HTTPS (or on localhost): open Virtdeck at its HTTPS
            address to add one.
          </p>
        )}
      </Card>
      <ConfirmDialog
        open={removing !== null}
        title={`Remove ${removing?.what ?? ""}?`}
        confirmLabel="Remove"
        busy={pending}
        onCancel={() => setRemoving(null)}
        onConfirm={() => {
          removing?.remove();
          setRemoving(null);
        }}
      >
        You will no longer be able to sign in with it.
      </ConfirmDialog>
    </div>
  );
}
