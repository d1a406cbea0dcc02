// API tokens for the specs, minted through the API as a script would (sign in, then POST
// /api/v1/tokens with the password again), not by clicking through the settings form.
import { type APIRequestContext, request as apiRequest } from "@playwright/test";
import { E2E_ADMIN_PASSWORD, E2E_BASE_URL } from "./constants";

export interface MintedToken {
  token: string;
  id: string;
  /** A request context that sends the token on every request. */
  api: APIRequestContext;
}

/** Signs in as `username` and mints a token named `name`; returns it with a context using it. */
export async function mintToken(
  name: string,
  options: { username?: string; password?: string; privsep?: boolean; baseURL?: string } = {},
): Promise<MintedToken> {
  const baseURL = options.baseURL ?? E2E_BASE_URL;
  const password = options.password ?? E2E_ADMIN_PASSWORD;
  // Cookie-signed changes must name our origin, as our pages do.
  const session = await apiRequest.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL } });
  const login = await session.post("/api/v1/auth/login", {
    data: { username: options.username ?? "admin", password },
  });
  if (!login.ok()) throw new Error(`sign-in for a token: ${login.status()} ${await login.text()}`);
  const res = await session.post("/api/v1/tokens", {
    data: { name, password, privsep: options.privsep ?? false },
  });
  if (res.status() !== 201) throw new Error(`minting a token: ${res.status()} ${await res.text()}`);
  const body = (await res.json()) as { token: string; summary: { id: string } };
  await session.dispose();
  const api = await apiRequest.newContext({
    baseURL,
    extraHTTPHeaders: { authorization: `Bearer ${body.token}` },
  });
  return { token: body.token, id: body.summary.id, api };
}
