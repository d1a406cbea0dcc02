// Single sign-on with OpenID Connect: the authorization code flow with PKCE. Both steps are open
// to everyone (they are how a browser becomes someone); the callback is audited, refusals too.
import * as client from "openid-client";
import { followProviderGroups } from "@/lib/access/groups";
import { operation } from "@/lib/access/operation";
import { callbackSchema, startSchema } from "@/lib/schemas/oidc";
import { setSessionCookie } from "../current-user";
import { createSession } from "../session-store";
import { readIdentity } from "./claims";
import { beginFlow } from "./flow";
import { userForIdentity } from "./link-user";
import { providerConfiguration } from "./provider";
import { providerFailure, redeemCallback } from "./redeem";
import { oidcRefusal } from "./refusals";

export const oidcStartOp = operation({
  name: "auth.oidc-start",
  summary: "Begins a single sign-on: redirects to the identity provider",
  input: startSchema,
  access: { open: "public" },
  // Nothing changes yet (a pending flow for this browser); the callback is audited.
  audit: false,
  run: async ({ redirectUri }) => {
    const { config, settings } = await providerConfiguration();
    const flow = await beginFlow();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: settings.scopes,
      response_type: "code",
      code_challenge: flow.codeChallenge,
      code_challenge_method: "S256",
      state: flow.state,
      nonce: flow.nonce,
    });
    return { location: url.href };
  },
});

export const oidcCallbackOp = operation({
  name: "auth.oidc-callback",
  summary:
    "Ends a single sign-on: checks the provider's answer, makes or finds the user, follows its groups, sets the session cookie",
  input: callbackSchema,
  access: { open: "public" },
  audit: true,
  run: async (input, { audit, userAgent }) => {
    audit.target = "(single sign-on)";
    const { issuer, claims, settings } = await redeemCallback(input).catch((error: unknown) => {
      const { reason, detail } = providerFailure(error);
      audit.detail = detail;
      throw oidcRefusal(reason);
    });
    const identity = readIdentity(claims, settings);
    audit.target = identity.username;
    const user = await userForIdentity(issuer, identity);
    audit.user = { userId: user.id, username: user.username };
    if (user.disabled) throw oidcRefusal("disabled");
    const { joined, left } = await followProviderGroups(user.id, identity.groups);
    const changes = [
      user.created ? "first sign-in: user created" : null,
      joined.length > 0 ? `joined ${joined.join(", ")}` : null,
      left.length > 0 ? `left ${left.join(", ")}` : null,
    ];
    audit.detail = changes.filter(Boolean).join("; ") || undefined;
    const session = await createSession(user.id, userAgent);
    await setSessionCookie(session.token, session.expiresAt);
    return { location: "/" };
  },
});
