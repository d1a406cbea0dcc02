import { request as apiRequest, expect, test } from "@playwright/test";
import { E2E_BASE_URL } from "./support/constants";
import { signIn } from "./support/sign-in";
import { tryUpgrade } from "./support/ws-upgrade";

test("every page sends a signed-out visitor to the sign-in page", async ({ page }) => {
  for (const path of [
    "/",
    "/hosts",
    "/vms",
    "/networks",
    "/storage",
    "/settings",
    "/account/password",
  ]) {
    await page.goto(path);
    await expect(page).toHaveURL(/\/login$/);
  }
  // A forged cookie gets past the cheap proxy check but not the page's own session check.
  await page
    .context()
    .addCookies([{ name: "virtdeck_session", value: "forged", url: E2E_BASE_URL }]);
  await page.goto("/hosts");
  await expect(page).toHaveURL(/\/login$/);
});

test("a server action replayed without a valid session changes nothing", async ({ page }) => {
  await signIn(page);
  await page.goto("/hosts");
  const form = page.getByRole("form", { name: "Add host" });
  const original = `orig-${Date.now().toString(36)}`;
  await form.getByLabel("Name").fill(original);
  await form.getByLabel("libvirt URI").fill("test:///default");
  const [action] = await Promise.all([
    page.waitForRequest((r) => r.method() === "POST" && r.headers()["next-action"] !== undefined),
    form.getByRole("button", { name: "Add host" }).click(),
  ]);
  await expect(page.getByTestId("host-row").filter({ hasText: original })).toBeVisible();

  const replayed = original.replace("orig", "evil"); // same length: the multipart body stays valid
  const body = action.postDataBuffer()!.toString("latin1").replace(original, replayed);
  const headers = { ...action.headers() };
  delete headers.cookie;
  for (const cookie of [undefined, "virtdeck_session=forged"]) {
    const anonymous = await apiRequest.newContext({ baseURL: E2E_BASE_URL });
    const response = await anonymous.post("/hosts", {
      headers: cookie ? { ...headers, cookie } : headers,
      data: Buffer.from(body, "latin1"),
      maxRedirects: 0,
    });
    // No cookie: the proxy redirects. A forged one: the action's own check redirects to sign-in.
    if (cookie) expect(response.headers()["x-action-redirect"]).toMatch(/^\/login/);
    else expect(response.status()).toBe(307);
    await anonymous.dispose();
  }
  await page.reload();
  await expect(page.getByTestId("host-row").filter({ hasText: replayed })).toHaveCount(0);
  const row = page.getByTestId("host-row").filter({ hasText: original });
  await row.getByRole("button", { name: `Remove ${original}` }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Remove host" }).click();
  await expect(row).toHaveCount(0);
});

test("WebSocket upgrades need a session, a known path and our own origin", async ({ page }) => {
  expect((await tryUpgrade("/ws/events")).status).toBe(401);
  expect((await tryUpgrade("/ws/events", { cookie: "virtdeck_session=forged" })).status).toBe(401);

  await signIn(page);
  const session = (await page.context().cookies()).find((c) => c.name === "virtdeck_session")!;
  const cookie = `virtdeck_session=${session.value}`;
  const accepted = await tryUpgrade("/ws/events", { cookie, origin: E2E_BASE_URL });
  expect(accepted.status).toBe(101);
  expect(JSON.parse(accepted.firstMessage!)).toEqual({ type: "hello", user: "admin" });
  expect((await tryUpgrade("/ws/nowhere", { cookie })).status).toBe(404);
  expect((await tryUpgrade("/ws/events", { cookie, origin: "http://evil.example" })).status).toBe(
    403,
  );
});
