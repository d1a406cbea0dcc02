// A sign-in at the identity provider, from the redirect there to the callback: the PKCE
// verifier, state and nonce wait in the database under the SHA-256 of a random token that only
// this browser holds (an httpOnly cookie sent only to /auth/oidc), for 10 minutes, used once.
import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { cookies } from "next/headers";
import * as client from "openid-client";
import { db } from "@/lib/db/client";
import { setPrivateCookie } from "../current-user";
import { oidcRefusal } from "./refusals";

const FLOW_COOKIE = "virtdeck_oidc_flow";
const FLOW_COOKIE_PATH = "/auth/oidc";
export const FLOW_MINUTES = 10;

export interface FlowChecks {
  state: string;
  nonce: string;
  codeVerifier: string;
}

function flowId(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Stores a new flow's checks, sets its cookie, and returns them with the PKCE challenge. */
export async function beginFlow(): Promise<FlowChecks & { codeChallenge: string }> {
  const token = randomBytes(32).toString("base64url");
  const checks = {
    state: client.randomState(),
    nonce: client.randomNonce(),
    codeVerifier: client.randomPKCECodeVerifier(),
  };
  const expiresAt = new Date(Date.now() + FLOW_MINUTES * 60_000);
  // Abandoned flows are forgotten by the next one begun.
  await db.oidcFlow.deleteMany({ where: { expiresAt: { lte: new Date() } } });
  await db.oidcFlow.create({ data: { id: flowId(token), ...checks, expiresAt } });
  await setPrivateCookie(FLOW_COOKIE, token, { expires: expiresAt, path: FLOW_COOKIE_PATH });
  return { ...checks, codeChallenge: await client.calculatePKCECodeChallenge(checks.codeVerifier) };
}

/**
 * The checks of this browser's flow, which ends here whatever follows (a second callback with
 * the same cookie finds nothing). Refuses a missing, unknown or expired flow.
 */
export async function takeFlow(): Promise<FlowChecks> {
  const jar = await cookies();
  const token = jar.get(FLOW_COOKIE)?.value;
  jar.delete({ name: FLOW_COOKIE, path: FLOW_COOKIE_PATH });
  if (!token || token.length > 100) throw oidcRefusal("expired");
  const id = flowId(token);
  const flow = await db.oidcFlow.findUnique({ where: { id } });
  // deleteMany counts: of two callbacks racing with one cookie, only one deletes the row.
  const taken = flow ? (await db.oidcFlow.deleteMany({ where: { id } })).count : 0;
  if (!flow || taken === 0 || flow.expiresAt <= new Date()) throw oidcRefusal("expired");
  return { state: flow.state, nonce: flow.nonce, codeVerifier: flow.codeVerifier };
}
