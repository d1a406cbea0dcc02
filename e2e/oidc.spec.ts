// Single sign-on in Chromium against a real OpenID provider (scripts/oidc-provider.ts, started by
// playwright.config.ts) and the lab's two hosts: group sso-ops (following the provider's ops,
// mapped in the groups page) holds Auditor on host 1, sso-dev (following dev) on host 2. A new
// user signs in through the authorization code flow with PKCE, is made, joins sso-ops and sees
// host 1 only; the provider moves them to dev; at the next sign-in they join sso-dev and leave
// sso-ops (an unmapped group the admin put them in stays), and their open session sees host 2
// at once. Refused: a username held by a local user (nothing is made), a callback this browser
// did not start, a disabled user, and the local password form for the single sign-on user.
import { writeFileSync } from "node:fs";
import { type APIRequestContext, type Browser, expect, type Page, test } from "@playwright/test";
import { labEnv } from "../tests/integration/support/lab-env";
import { mintToken } from "./support/api-token";
import { E2E_OIDC_ACCOUNTS, E2E_OIDC_ISSUER } from "./support/constants";
import { signIn } from "./support/sign-in";

const lab = labEnv();
const suffix = Date.now().toString(36);
const host1 = `sso-h1-${suffix}`;
const host2 = `sso-h2-${suffix}`;
const ops = `sso-ops-${suffix}`;
const dev = `sso-dev-${suffix}`;
const local = `sso-local-${suffix}`;
const username = `sso-${suffix}`;
const subject = `subject-${suffix}`;
const localUser = `local-${suffix}`;
const collidingSubject = `collider-${suffix}`;

test.describe.configure({ mode: "serial" });
let api: APIRequestContext;
const ids: Record<string, string> = {};

/** The provider's accounts: it reads the file at every lookup. */
function providerAccounts(groupsOfUser: string[]): void {
  writeFileSync(
    E2E_OIDC_ACCOUNTS,
    JSON.stringify({
      [subject]: { preferred_username: username, groups: groupsOfUser },
      [collidingSubject]: { preferred_username: localUser, groups: [`ops-${suffix}`] },
    }),
  );
}

async function created(res: Awaited<ReturnType<APIRequestContext["post"]>>): Promise<string> {
  expect(res.status(), await res.text()).toBe(201);
  const body = (await res.json()) as Record<string, { id: string }>;
  return Object.values(body)[0]!.id;
}

/** Signs in with single sign-on in a fresh browser; returns the page and the authorization URL. */
async function signInWithProvider(
  browser: Browser,
  login: string,
): Promise<{ page: Page; authorization: URL }> {
  const page = await (await browser.newContext()).newPage();
  await page.goto("/login");
  const request = page.waitForRequest((r) => r.url().startsWith(`${E2E_OIDC_ISSUER}/auth?`));
  await page.getByRole("link", { name: "Sign in with Test IdP" }).click();
  const authorization = new URL((await request).url());
  // oidc-provider's development login form: the login name is the subject.
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("any password");
  await page.getByRole("button", { name: "Sign-in" }).click();
  return { page, authorization };
}

async function hostsSeen(page: Page): Promise<string[]> {
  const res = await page.request.get("/api/v1/hosts");
  expect(res.ok()).toBe(true);
  return ((await res.json()) as { hosts: { name: string }[] }).hosts.map((h) => h.name).sort();
}

async function groupsOf(name: string): Promise<string[]> {
  const users = (
    (await (await api.get("/api/v1/users")).json()) as {
      users: { username: string; groups: { name: string }[] }[];
    }
  ).users;
  return (
    users
      .find((u) => u.username === name)
      ?.groups.map((g) => g.name)
      .sort() ?? []
  );
}

test.beforeAll(async () => {
  ({ api } = await mintToken(`sso-setup ${suffix}`));
  ids.host1 = await created(
    await api.post("/api/v1/hosts", { data: { name: host1, uri: lab.LAB_URI } }),
  );
  ids.host2 = await created(
    await api.post("/api/v1/hosts", { data: { name: host2, uri: lab.LAB_HOST2_URI } }),
  );
  ids.ops = await created(await api.post("/api/v1/groups", { data: { name: ops } }));
  ids.dev = await created(
    await api.post("/api/v1/groups", { data: { name: dev, providerGroup: `dev-${suffix}` } }),
  );
  ids.local = await created(await api.post("/api/v1/groups", { data: { name: local } }));
  for (const [group, host] of [
    [ids.ops, ids.host1],
    [ids.dev, ids.host2],
  ])
    await created(
      await api.post("/api/v1/acl", {
        data: { path: `/hosts/${host}`, subjectType: "group", subjectId: group, role: "Auditor" },
      }),
    );
  await created(
    await api.post("/api/v1/users", {
      data: { username: localUser, password: "local-password-123", mustChangePassword: false },
    }),
  );
});

test.afterAll(async () => {
  for (const host of [ids.host1, ids.host2]) if (host) await api.delete(`/api/v1/hosts/${host}`);
  await api.dispose();
});

test("the admin maps sso-ops to the provider's ops group in the groups page", async ({ page }) => {
  await signIn(page);
  await page.goto("/settings/groups");
  const row = page.getByTestId("group-row").filter({ hasText: ops });
  await row.getByRole("button", { name: "Identity-provider group" }).click();
  const form = page.getByRole("form", { name: `Identity-provider group of ${ops}` });
  await form.getByLabel("Identity-provider group").fill(`ops-${suffix}`);
  await form.getByRole("button", { name: "Save mapping" }).click();
  await expect(page.getByTestId("group-outcome")).toHaveText(
    `Identity-provider group of ${ops} saved`,
  );
  await expect(row.getByTestId("group-provider-group")).toContainText(`ops-${suffix}`);
});

let firstSession: Page;

test("a first sign-in with PKCE makes the user, in the mapped group, seeing what it is granted", async ({
  browser,
}) => {
  providerAccounts([`ops-${suffix}`, "a-group-virtdeck-does-not-map"]);
  const { page, authorization } = await signInWithProvider(browser, subject);
  expect(authorization.searchParams.get("code_challenge_method")).toBe("S256");
  expect(authorization.searchParams.get("code_challenge")).toMatch(/^[\w-]{43}$/);
  expect(authorization.searchParams.get("state")).toBeTruthy();
  expect(authorization.searchParams.get("redirect_uri")).toMatch(/\/auth\/oidc\/callback$/);
  await expect(page.getByTestId("signed-in-user")).toContainText(username);
  expect(new URL(page.url()).pathname).toBe("/");
  expect(await groupsOf(username)).toEqual([ops]);
  expect(await hostsSeen(page)).toEqual([host1]);
  await expect(page.getByTestId("overview-host")).toHaveCount(1);
  await expect(page.getByRole("heading", { name: host1 })).toBeVisible();
  firstSession = page;
});

test("at the next sign-in, mapped memberships follow the provider and grants follow at once", async ({
  browser,
}) => {
  // The admin puts the user in an unmapped group: single sign-on leaves it alone.
  expect(
    (await api.patch(`/api/v1/groups/${ids.local}`, { data: { members: [await userId()] } })).ok(),
  ).toBe(true);
  providerAccounts([`dev-${suffix}`]);
  const { page } = await signInWithProvider(browser, subject);
  await expect(page.getByTestId("signed-in-user")).toContainText(username);
  expect(await groupsOf(username)).toEqual([dev, local].sort());
  expect(await hostsSeen(page)).toEqual([host2]);
  // The session of the first sign-in is the same user: its grants changed with the membership.
  expect(await hostsSeen(firstSession)).toEqual([host2]);
  const audit = (await (
    await api.get("/api/v1/audit?action=auth.oidc-callback&limit=5")
  ).json()) as {
    rows: { username: string; outcome: string; detail: string | null }[];
  };
  expect(audit.rows[0]).toMatchObject({
    username,
    outcome: "ok",
    detail: `joined ${dev}; left ${ops}`,
  });
  expect(audit.rows[1]).toMatchObject({
    username,
    detail: `first sign-in: user created; joined ${ops}`,
  });
});

async function userId(): Promise<string> {
  const users = (
    (await (await api.get("/api/v1/users")).json()) as { users: { id: string; username: string }[] }
  ).users;
  return users.find((u) => u.username === username)!.id;
}

test("the local password form does not sign in the single sign-on user", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill("any password at all");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.locator("form").getByRole("alert")).toHaveText("Wrong username or password");
  const reset = await api.post(`/api/v1/users/${await userId()}/reset-password`);
  expect(reset.status()).toBe(409);
});

test("a username held by a local user is refused, and nothing is made or changed", async ({
  browser,
}) => {
  const { page } = await signInWithProvider(browser, collidingSubject);
  await expect(page).toHaveURL(/\/login\?error=taken$/);
  await expect(page.getByTestId("sign-in-refusal")).toHaveText(
    "A local Virtdeck user already has this username, so single sign-on cannot use it: ask an administrator",
  );
  expect(await groupsOf(localUser)).toEqual([]);
  const audit = (await (
    await api.get("/api/v1/audit?action=auth.oidc-callback&limit=1")
  ).json()) as {
    rows: { target: string; outcome: string }[];
  };
  expect(audit.rows[0]).toMatchObject({ target: localUser, outcome: "refused" });
  // The local user still signs in with their password.
  const other = await (await browser.newContext()).newPage();
  await signIn(other, localUser, "local-password-123");
});

test("a callback this browser did not start, and a disabled user, are refused with words", async ({
  browser,
  page,
}) => {
  await page.goto("/auth/oidc/callback?code=forged&state=forged");
  await expect(page).toHaveURL(/\/login\?error=expired$/);
  await expect(page.getByTestId("sign-in-refusal")).toContainText("not started in this browser");
  // Words in the address are not reflected: only known keys are shown.
  await page.goto("/login?error=%3Cb%3Eowned%3C%2Fb%3E");
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await expect(page.getByTestId("sign-in-refusal")).toHaveCount(0);
  await expect(page.getByText("owned")).toHaveCount(0);

  expect(
    (await api.patch(`/api/v1/users/${await userId()}`, { data: { disabled: true } })).ok(),
  ).toBe(true);
  const { page: disabled } = await signInWithProvider(browser, subject);
  await expect(disabled).toHaveURL(/\/login\?error=disabled$/);
  await expect(disabled.getByTestId("sign-in-refusal")).toHaveText(
    "This Virtdeck account is disabled",
  );
});
