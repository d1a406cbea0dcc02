// The server's first checks against the real running server: forged cookie-signed requests,
// body caps, the Host allow-list, the Content-Security-Policy, sign-in throttles from two real
// client addresses, and sockets closed within a second of their session ending.
import { request as httpRequest } from "node:http";
import { request as apiRequest, expect, test } from "@playwright/test";
import WebSocket from "ws";
import { mintToken } from "./support/api-token";
import { E2E_ADMIN_PASSWORD, E2E_BASE_URL, E2E_PORT, SAME_ORIGIN } from "./support/constants";

/** A raw HTTP request, to set what Playwright will not (Host, a client address of our choice). */
function raw(
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string; from?: string },
): Promise<{
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: "127.0.0.1",
        port: E2E_PORT,
        path,
        method: options.method ?? "GET",
        headers: options.headers,
        localAddress: options.from,
      },
      (res) => {
        let body = "";
        res.on("data", (c) => (body += c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on("error", reject);
    req.end(options.body);
  });
}

async function signedInContext() {
  const ctx = await apiRequest.newContext({ baseURL: E2E_BASE_URL });
  const login = await ctx.post("/api/v1/auth/login", {
    data: { username: "admin", password: E2E_ADMIN_PASSWORD },
  });
  expect(login.status()).toBe(200);
  return ctx;
}

test("a cookie-signed change must come from our own origin as JSON; a bearer token needs neither", async () => {
  const ctx = await signedInContext();
  const attempt = (headers: Record<string, string>, data: unknown = { name: "t" }) =>
    ctx.post("/api/v1/tokens", { headers, data });

  const noOrigin = await attempt({});
  expect(noOrigin.status()).toBe(403);
  expect((await noOrigin.json()).error).toContain("must come from Virtdeck's pages");
  const evil = await attempt({ origin: "http://127.0.0.1:9" });
  expect(evil.status()).toBe(403);
  expect((await evil.json()).error).toContain("Origin is not this server's address");
  const crossSite = await attempt({ ...SAME_ORIGIN, "sec-fetch-site": "cross-site" });
  expect(crossSite.status()).toBe(403);
  expect((await crossSite.json()).error).toContain("Sec-Fetch-Site: cross-site");
  const form = await ctx.post("/api/v1/tokens", {
    headers: { ...SAME_ORIGIN, "content-type": "text/plain" },
    data: '{"name":"t"}',
  });
  expect(form.status()).toBe(415);
  // From our own origin, as JSON, the request reaches the operation (which wants the password).
  const ours = await attempt(SAME_ORIGIN);
  expect(ours.status()).toBe(400);
  expect((await ours.json()).fields).toHaveProperty("password");

  // Each forged attempt was refused and audited with where it came from.
  const audit = await ctx.get("/api/v1/audit?action=api-token.create&limit=20");
  const { rows } = (await audit.json()) as {
    rows: { outcome: string; detail: string; clientAddress: string }[];
  };
  const forged = rows.filter((r) => /Cross-|must come from|Sec-Fetch/.test(r.detail ?? ""));
  expect(forged.length).toBeGreaterThanOrEqual(3);
  expect(forged.every((r) => r.outcome === "refused" && r.clientAddress === "127.0.0.1")).toBe(
    true,
  );

  const { api } = await mintToken(`hardening-${Date.now()}`);
  const byToken = await api.post("/api/v1/tokens", { data: { name: "x", password: "y" } });
  expect(byToken.status()).toBe(403);
  expect((await byToken.json()).error).toBe("An API token cannot mint tokens");
  await api.dispose();
  await ctx.dispose();
});

test("bodies are capped: 16 KiB before signing in, 1 MiB after", async () => {
  const anonymous = await raw("/api/v1/auth/login", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username: "admin", password: "x".repeat(20_000) }),
  });
  expect(anonymous.status).toBe(413);
  const ctx = await signedInContext();
  const big = await ctx.post("/api/v1/tokens", {
    headers: SAME_ORIGIN,
    data: { name: "x".repeat((1 << 20) + 10) },
  });
  expect(big.status()).toBe(413);
  expect((await big.json()).error).toContain("too large");
  await ctx.dispose();
});

test("the server answers only to its own names (a DNS-rebinding page gets nothing)", async () => {
  const rebound = await raw("/login", { headers: { host: `evil.example:${E2E_PORT}` } });
  expect(rebound.status).toBe(421);
  expect(rebound.body).toContain("VIRTDECK_PUBLIC_URL");
  const api = await raw("/api/v1/hosts", { headers: { host: "evil.example" } });
  expect(api.status).toBe(421);
  for (const host of [`127.0.0.1:${E2E_PORT}`, `localhost:${E2E_PORT}`])
    expect((await raw("/login", { headers: { host } })).status, host).toBe(200);
  const upgrade = await new Promise<number>((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${E2E_PORT}/ws/events`, {
      headers: { host: "evil.example" },
    });
    ws.on("unexpected-response", (_q, res) => resolve(res.statusCode ?? 0));
    ws.on("open", () => resolve(101));
    ws.on("error", reject);
  });
  expect(upgrade).toBe(421);
});

test("pages carry a Content-Security-Policy whose nonce is on every script", async () => {
  const page = await raw("/login", {});
  const policy = String(page.headers["content-security-policy"]);
  expect(policy).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(policy).not.toContain("unsafe-eval");
  expect(policy).toContain("frame-ancestors 'none'");
  const nonce = /'nonce-([^']+)'/.exec(policy)![1];
  const scripts = [...page.body.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
  // A fresh nonce for every response.
  const again = String((await raw("/login", {})).headers["content-security-policy"]);
  expect(again).not.toBe(policy);
  expect(page.headers["referrer-policy"]).toBe("same-origin");
});

test("sign-in throttles answer 429 before hashing; the real user elsewhere signs in at once", async () => {
  const user = `throttled-${Date.now().toString(36)}`;
  const attempt = (from: string, password: string) =>
    raw("/api/v1/auth/login", {
      method: "POST",
      from,
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: user, password }),
    });
  // An attacker at 127.0.0.2 fails three times, then is made to wait.
  for (let i = 0; i < 3; i++) expect((await attempt("127.0.0.2", "wrong")).status).toBe(401);
  const slowed = await attempt("127.0.0.2", "wrong");
  expect(slowed.status).toBe(429);
  expect(Number(slowed.headers["retry-after"])).toBeGreaterThanOrEqual(1);
  expect(JSON.parse(slowed.body).error).toMatch(/wait \d+ s/);
  // Another address is not slowed at all (the account does not exist: still 401, not 429).
  expect((await attempt("127.0.0.3", "wrong")).status).toBe(401);
});

test("an open live socket closes within a second of its session being signed out", async () => {
  const ctx = await signedInContext();
  const cookie = (await ctx.storageState()).cookies.find((c) => c.name === "virtdeck_session")!;
  const ws = new WebSocket(`ws://127.0.0.1:${E2E_PORT}/ws/events`, {
    headers: { cookie: `virtdeck_session=${cookie.value}`, origin: E2E_BASE_URL },
  });
  await new Promise((resolve, reject) => {
    ws.once("message", resolve);
    ws.once("error", reject);
  });
  const closed = new Promise<{ code: number; at: number }>((resolve) =>
    ws.once("close", (code) => resolve({ code, at: Date.now() })),
  );
  const signedOutAt = Date.now();
  expect((await ctx.post("/api/v1/auth/logout", { headers: SAME_ORIGIN })).status()).toBe(200);
  const { code, at } = await closed;
  expect(code).toBe(4401);
  expect(at - signedOutAt).toBeLessThan(2_000);
  await ctx.dispose();
});
