/**
 * A real OpenID Connect provider for the tests (the oidc-provider package), on loopback only:
 *   npx tsx scripts/oidc-provider.ts --port 3111 --accounts FILE --client-id ID \
 *     --client-secret SECRET --redirect-uri URI
 * One confidential client (client_secret_basic) allowed the authorization code flow with PKCE
 * (S256, required) and nothing else. Its login form is oidc-provider's development one: any
 * login name, any password; the name is the subject. Accounts are read from the JSON file at
 * every lookup, `{ "<subject>": { "preferred_username": "…", "groups": ["…"] } }`, so a test
 * changes a user's groups between two sign-ins by rewriting it. Consent is given at once (a
 * first-party client). Test-only: its signing and cookie keys are fixed development ones.
 */
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { parseArgs } from "node:util";
import Provider, { type KoaContextWithOIDC } from "oidc-provider";

const { values } = parseArgs({
  options: {
    port: { type: "string" },
    accounts: { type: "string" },
    "client-id": { type: "string" },
    "client-secret": { type: "string" },
    "redirect-uri": { type: "string" },
  },
});
const required = (name: keyof typeof values): string => {
  const value = values[name];
  if (!value) throw new Error(`--${name} is required`);
  return value;
};
const port = Number(required("port"));
const accountsFile = required("accounts");
const SCOPES = "openid profile groups";

function accountClaims(subject: string): Record<string, unknown> | undefined {
  const accounts = JSON.parse(readFileSync(accountsFile, "utf8")) as Record<
    string,
    Record<string, unknown>
  >;
  return accounts[subject];
}

const provider = new Provider(`http://127.0.0.1:${port}`, {
  clients: [
    {
      client_id: required("client-id"),
      client_secret: required("client-secret"),
      redirect_uris: [required("redirect-uri")],
      grant_types: ["authorization_code"],
      response_types: ["code"],
      token_endpoint_auth_method: "client_secret_basic",
    },
  ],
  pkce: { required: () => true },
  claims: { openid: ["sub"], profile: ["preferred_username", "name"], groups: ["groups"] },
  cookies: { keys: ["virtdeck-test-provider-cookie-key"] },
  // Lifetimes of its own (oidc-provider asks for them): long enough for a slow test machine.
  ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600 },
  findAccount: (_ctx, sub) => {
    const claims = accountClaims(sub);
    return claims ? { accountId: sub, claims: () => ({ ...claims, sub }) } : undefined;
  },
  loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
    const { client, session, result } = ctx.oidc;
    if (!client || !session?.accountId) return undefined;
    const grantId = result?.consent?.grantId ?? session.grantIdFor(client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({
      clientId: client.clientId,
      accountId: session.accountId,
    });
    grant.addOIDCScope(SCOPES);
    await grant.save();
    return grant;
  },
});

createServer(provider.callback()).listen(port, "127.0.0.1", () => {
  console.log(`test OpenID provider at http://127.0.0.1:${port}`);
});
