// Why a single sign-on did not sign the browser in. The sign-in page is sent only the reason's
// key (/login?error=taken) and shows these words: nothing the identity provider or the request
// said is reflected into the page.
import { z } from "zod";
import { AppError, type AppErrorCode, isAppError } from "@/lib/errors";

export const OIDC_REFUSALS = {
  off: "Single sign-on is not configured on this server",
  unavailable: "Single sign-on is not available: the identity provider could not be reached",
  expired:
    "This sign-in was not started in this browser or took longer than 10 minutes: start again",
  denied: "The identity provider did not sign you in",
  username:
    "The identity provider sent no username Virtdeck accepts (2 to 64 of a-z, 0-9 and . _ @ -)",
  groups: "The identity provider's groups claim is not a list of group names",
  taken:
    "A local Virtdeck user already has this username, so single sign-on cannot use it: ask an administrator",
  disabled: "This Virtdeck account is disabled",
  failed: "Single sign-on failed: an administrator can find why in the audit log",
} as const;

export type OidcRefusal = keyof typeof OIDC_REFUSALS;

export const oidcRefusalSchema = z.enum(
  Object.keys(OIDC_REFUSALS) as [OidcRefusal, ...OidcRefusal[]],
);

const CODES: Record<OidcRefusal, AppErrorCode> = {
  off: "not_found",
  unavailable: "upstream",
  expired: "invalid",
  denied: "unauthorized",
  username: "invalid",
  groups: "invalid",
  taken: "conflict",
  disabled: "forbidden",
  failed: "upstream",
};

/** The refusal as the wrapper audits it: its words are the message. */
export function oidcRefusal(reason: OidcRefusal): AppError {
  return new AppError(CODES[reason], OIDC_REFUSALS[reason]);
}

/** The key of a refusal made by `oidcRefusal`; anything else (a bug, a database error) is "failed". */
export function refusalOf(error: unknown): OidcRefusal {
  if (!isAppError(error)) return "failed";
  const found = Object.entries(OIDC_REFUSALS).find(([, words]) => words === error.message);
  return found ? (found[0] as OidcRefusal) : "failed";
}
