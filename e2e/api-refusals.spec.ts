// Every route of the API, as the server serves it over HTTP, refuses a caller without a valid
// session or token before looking at anything else: 401 in JSON, for each method and path of the
// OpenAPI document (only the few open routes answer). Mutating routes write a refused audit row.
import { request as apiRequest, expect, test } from "@playwright/test";
import { mintToken } from "./support/api-token";
import { E2E_BASE_URL } from "./support/constants";

// The second step of a sign-in is open too: its credential is the password step's cookie.
const OPEN = new Set([
  "POST /api/v1/auth/login",
  "POST /api/v1/auth/second-factor",
  "POST /api/v1/auth/passkey/challenge",
  "POST /api/v1/auth/passkey",
  "GET /api/v1/openapi.json",
  // The probes for load balancers (e2e/health.spec.ts checks what they say).
  "GET /healthz",
  "GET /readyz",
]);

test("every route refuses anonymous and forged callers with 401, audited for changes", async () => {
  const anonymous = await apiRequest.newContext({ baseURL: E2E_BASE_URL });
  const doc = (await (await anonymous.get("/api/v1/openapi.json")).json()) as {
    paths: Record<string, Record<string, unknown>>;
  };
  const routes = Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.keys(ops).map((m) => ({ method: m.toUpperCase(), path })),
  );
  expect(routes.length).toBeGreaterThan(90);
  const headersOf: Record<string, string>[] = [
    {},
    { authorization: "Bearer vdk_forged-token-value" },
  ];
  const wrong: string[] = [];
  for (const { method, path } of routes) {
    const key = `${method} ${path}`;
    if (OPEN.has(key)) continue;
    const url = path.replace(/\{\w+\}/g, "x");
    for (const headers of headersOf) {
      const res = await anonymous.fetch(url, {
        method,
        headers,
        data: method === "GET" ? undefined : {},
      });
      const body = (await res.json().catch(() => ({}))) as { error?: string };
      if (res.status() !== 401 || !body.error?.includes("Sign in"))
        wrong.push(`${key} ${headers.authorization ? "forged" : "anonymous"}: ${res.status()}`);
    }
  }
  expect(wrong).toEqual([]);

  const { api } = await mintToken(`refusals ${Date.now()}`);
  const audit = (await (
    await api.get("/api/v1/audit?action=vm.power&outcome=refused&limit=5")
  ).json()) as { rows: { username: string; outcome: string }[] };
  expect(audit.rows[0]).toMatchObject({ username: "(anonymous)", outcome: "refused" });
  await api.dispose();
  await anonymous.dispose();
});
