// The callback's exchange: this browser's flow, the code for tokens (PKCE verifier, state,
// nonce and the ID token checked by openid-client), then the userinfo claims over the ID token's.
import "server-only";
import * as client from "openid-client";
import { isAppError } from "@/lib/errors";
import type { CallbackInput } from "@/lib/schemas/oidc";
import { takeFlow } from "./flow";
import { type OidcSettings, providerConfiguration } from "./provider";
import { type OidcRefusal, refusalOf } from "./refusals";

export interface RedeemedCallback {
  issuer: string;
  claims: Record<string, unknown>;
  settings: OidcSettings;
}

export async function redeemCallback(input: CallbackInput): Promise<RedeemedCallback> {
  const { config, settings } = await providerConfiguration();
  const checks = await takeFlow();
  const currentUrl = new URL(input.redirectUri);
  for (const [name, value] of Object.entries(input.params))
    if (value !== undefined) currentUrl.searchParams.set(name, value);
  const tokens = await client.authorizationCodeGrant(config, currentUrl, {
    pkceCodeVerifier: checks.codeVerifier,
    expectedState: checks.state,
    expectedNonce: checks.nonce,
    idTokenExpected: true,
  });
  // idTokenExpected: openid-client has refused an answer without a valid ID token.
  const idClaims: Record<string, unknown> = tokens.claims() ?? {};
  // Many providers put only the subject in the ID token of a code flow; the rest is userinfo's.
  const userinfo =
    config.serverMetadata().userinfo_endpoint && typeof idClaims.sub === "string"
      ? await client.fetchUserInfo(config, tokens.access_token, idClaims.sub)
      : {};
  return {
    issuer: config.serverMetadata().issuer,
    claims: { ...idClaims, ...userinfo },
    settings,
  };
}

/** An error's short, secret-free code: the provider's own words go to the audit row only. */
function short(value: unknown): string {
  return String(value)
    .replace(/[^\w .:"/-]/g, "")
    .slice(0, 120);
}

/**
 * Why redeeming failed, as the refusal the browser sees and a detail for the audit row (the
 * provider's error code, or openid-client's check that failed; never tokens or the secret).
 */
export function providerFailure(error: unknown): { reason: OidcRefusal; detail?: string } {
  if (isAppError(error)) return { reason: refusalOf(error) };
  const e = error as { name?: unknown; code?: unknown; error?: unknown; message?: unknown };
  const cause = (error as { cause?: { message?: unknown } } | null)?.cause;
  const because = typeof cause?.message === "string" ? ` (${short(cause.message)})` : "";
  if (e.name === "AuthorizationResponseError")
    return { reason: "denied", detail: `the identity provider answered ${short(e.error)}` };
  if (e.name === "ResponseBodyError")
    return { reason: "denied", detail: `the token endpoint answered ${short(e.error)}` };
  if (
    e.code === "OAUTH_TIMEOUT" ||
    e.code === "OAUTH_ABORT" ||
    e.message === "fetch failed" ||
    cause?.message === "fetch failed"
  )
    return { reason: "unavailable", detail: "the identity provider did not answer" };
  if (e.code === "OAUTH_INVALID_RESPONSE" && /"state"/.test(because))
    return { reason: "expired", detail: `the state does not match this browser's flow${because}` };
  return { reason: "denied", detail: `${short(e.code ?? e.name)}: ${short(e.message)}${because}` };
}
