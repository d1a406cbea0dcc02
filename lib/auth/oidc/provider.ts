// The identity provider as Virtdeck's client of it: the settings from the environment, and its
// metadata and keys, discovered at the first sign-in and kept (a failed discovery is tried again
// at the next one).
import "server-only";
import * as client from "openid-client";
import { env } from "@/lib/env";
import { describeForLog } from "@/lib/errors";
import type { ClaimNames } from "./claims";
import { oidcRefusal } from "./refusals";

export const CALLBACK_PATH = "/auth/oidc/callback";

export interface OidcSettings extends ClaimNames {
  issuer: string;
  scopes: string;
}

/** The single sign-on settings, or null when it is not configured (env.ts refuses half of one). */
export function oidcSettings(): OidcSettings | null {
  if (!env.VIRTDECK_OIDC_ISSUER) return null;
  return {
    issuer: env.VIRTDECK_OIDC_ISSUER,
    scopes: env.VIRTDECK_OIDC_SCOPES,
    usernameClaim: env.VIRTDECK_OIDC_USERNAME_CLAIM,
    groupsClaim: env.VIRTDECK_OIDC_GROUPS_CLAIM,
  };
}

/** What the sign-in page's button names, or null when single sign-on is off. */
export function oidcButtonName(): string | null {
  return oidcSettings() ? env.VIRTDECK_OIDC_NAME : null;
}

let discovered: Promise<client.Configuration> | undefined;

function discover(issuer: string): Promise<client.Configuration> {
  const url = new URL(issuer);
  return client.discovery(
    url,
    env.VIRTDECK_OIDC_CLIENT_ID ?? "",
    env.VIRTDECK_OIDC_CLIENT_SECRET,
    undefined,
    // env.ts allows plain http only for an issuer on loopback.
    { timeout: 10, execute: url.protocol === "http:" ? [client.allowInsecureRequests] : [] },
  );
}

/** The provider's configuration for openid-client; refuses when off or unreachable. */
export async function providerConfiguration(): Promise<{
  config: client.Configuration;
  settings: OidcSettings;
}> {
  const settings = oidcSettings();
  if (!settings) throw oidcRefusal("off");
  discovered ??= discover(settings.issuer);
  try {
    return { config: await discovered, settings };
  } catch (error) {
    discovered = undefined;
    console.error(`[virtdeck] OIDC discovery of ${settings.issuer}: ${describeForLog(error)}`);
    throw oidcRefusal("unavailable");
  }
}
