// The probes a load balancer or service manager uses, over HTTP without signing in: /healthz
// says the process answers, /readyz that it can serve (database and migrations) and how many
// hosts are online, and neither says anything else or is cached.
import { request as apiRequest, expect, test } from "@playwright/test";
import { E2E_BASE_URL } from "./support/constants";

test("/healthz and /readyz answer without a session, with nothing but their facts", async () => {
  const anonymous = await apiRequest.newContext({ baseURL: E2E_BASE_URL });
  const live = await anonymous.get("/healthz", { maxRedirects: 0 });
  expect(live.status()).toBe(200);
  expect(live.headers()["cache-control"]).toBe("no-store");
  expect(await live.json()).toEqual({ status: "ok" });

  const ready = await anonymous.get("/readyz", { maxRedirects: 0 });
  expect(ready.status()).toBe(200);
  expect(ready.headers()["cache-control"]).toBe("no-store");
  const body = (await ready.json()) as Record<string, unknown>;
  expect(Object.keys(body).sort()).toEqual(["database", "hosts", "migrations", "status"]);
  expect(body).toMatchObject({ status: "ready", database: "reachable", migrations: "applied" });
  const hosts = body.hosts as { online: number; total: number };
  expect(Object.keys(hosts).sort()).toEqual(["online", "total"]);
  expect(hosts.online).toBeLessThanOrEqual(hosts.total);

  // Only GET: a probe changes nothing.
  expect((await anonymous.post("/readyz", { maxRedirects: 0 })).status()).toBe(405);
  await anonymous.dispose();
});
