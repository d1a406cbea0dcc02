// Second factors in Chromium: TOTP enrolled from the QR code (read back by zbarimg) with codes computed here by
// RFC 6238 (independently of the server's check), sign-in with a code, the lock after 8 wrong
// codes and the recovery code that opens it; a sign-in policy by role that makes a factorless
// user enrol first, and an administrator's reset; a passkey registered and used with Chromium's
// virtual authenticator (DevTools WebAuthn domain), at http://localhost (WebAuthn needs a secure
// context, and an IP address cannot be a relying party).
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { decodeBase32IgnorePadding } from "@oslojs/encoding";
import { generateHOTP } from "@oslojs/otp";
import { type APIRequestContext, type Browser, expect, type Page, test } from "@playwright/test";
import { mintToken } from "./support/api-token";
import { E2E_BASE_URL, E2E_PORT } from "./support/constants";
import { openConfirm } from "./support/hosts";
import { signIn } from "./support/sign-in";

const suffix = Date.now().toString(36);
const PASSWORD = "factor-password-123";
const totpUser = `totp-${suffix}`;
const policyUser = `policy-${suffix}`;
const passkeyUser = `passkey-${suffix}`;
const LOCALHOST = `http://localhost:${E2E_PORT}`;

test.describe.configure({ mode: "serial" });
let admin: APIRequestContext;

test.beforeAll(async () => {
  ({ api: admin } = await mintToken(`factors-${suffix}`));
  for (const username of [totpUser, policyUser, passkeyUser]) {
    const res = await admin.post("/api/v1/users", {
      data: { username, password: PASSWORD, mustChangePassword: false },
    });
    expect(res.status(), await res.text()).toBe(201);
  }
});

test.afterAll(async () => {
  await admin.put("/api/v1/auth/policy", {
    data: { secondFactorForEveryone: false, secondFactorRoles: [] },
  });
  const users = (await (await admin.get("/api/v1/users")).json()) as {
    users: { id: string; username: string }[];
  };
  for (const u of users.users.filter((u) => u.username.endsWith(suffix)))
    await admin.delete(`/api/v1/users/${u.id}`);
});

/** An authenticator app: the code of the next step not used yet (never a code twice). */
function authenticatorApp(manualKey: string) {
  const key = decodeBase32IgnorePadding(manualKey.replace(/\s+/g, ""));
  let last = 0;
  return {
    async next(): Promise<string> {
      const step = Math.max(Math.floor(Date.now() / 30_000), last + 1);
      // A code one step ahead is accepted; further ahead, wait for the clock.
      while (step > Math.floor(Date.now() / 30_000) + 1)
        await new Promise((r) => setTimeout(r, 500));
      last = step;
      return generateHOTP(key, BigInt(step), 6);
    },
  };
}

async function decodeQr(dataUrl: string): Promise<string> {
  const [, base64 = ""] = dataUrl.split("base64,");
  const dir = await mkdtemp(path.join(tmpdir(), "vd-qr-"));
  const file = path.join(dir, "qr.png");
  await writeFile(file, Buffer.from(base64, "base64"));
  const { stdout } = await promisify(execFile)("zbarimg", ["--raw", "-q", file]);
  await rm(dir, { recursive: true });
  return stdout.trim();
}

async function newPage(browser: Browser, baseURL = E2E_BASE_URL): Promise<Page> {
  return (await browser.newContext({ baseURL })).newPage();
}

async function passwordStep(page: Page, username: string): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
}

async function enterCode(page: Page, code: string): Promise<void> {
  const form = page.getByRole("form", { name: "Second factor code" });
  await form.getByLabel(/Code from your app/).fill(code);
  await form.getByRole("button", { name: "Sign in" }).click();
}

async function enrolTotp(
  page: Page,
): Promise<{ app: ReturnType<typeof authenticatorApp>; codes: string[] }> {
  await page.getByLabel(/^Password/).fill(PASSWORD);
  await page.getByRole("button", { name: "Set up TOTP" }).click();
  const qr = page.getByRole("img", { name: "QR code for your authenticator app" });
  await expect(qr).toBeVisible();
  const manualKey = (await page.getByTestId("totp-key").textContent()) ?? "";
  // zbarimg (Debian's zbar-tools) reads the QR code as a phone's camera would.
  expect(await decodeQr((await qr.getAttribute("src")) ?? "")).toMatch(
    new RegExp(
      `^otpauth://totp/Virtdeck:[^?]+\\?issuer=Virtdeck&algorithm=SHA1&secret=${manualKey.replace(/\s+/g, "")}&period=30&digits=6$`,
    ),
  );
  const app = authenticatorApp(manualKey);
  const confirm = page.getByRole("form", { name: "Confirm TOTP" });
  await confirm.getByLabel("The six digits the app shows").fill("000000");
  await confirm.getByRole("button", { name: "Confirm and turn on" }).click();
  await expect(page.getByTestId("second-factor-outcome")).toContainText(
    "not the code your app shows",
  );
  await confirm.getByLabel("The six digits the app shows").fill(await app.next());
  await confirm.getByRole("button", { name: "Confirm and turn on" }).click();
  await expect(page.getByTestId("totp-status")).toHaveText("On.");
  const codes = (await page.getByTestId("recovery-codes").locator("li").allTextContents()).map(
    (c) => c.trim(),
  );
  expect(codes).toHaveLength(10);
  return { app, codes };
}

test("TOTP: enrolled by QR key and code; sign-in asks for it; 8 wrong codes lock it until a recovery code", async ({
  browser,
}) => {
  const page = await newPage(browser);
  await signIn(page, totpUser, PASSWORD);
  await page.goto("/settings");
  await page.getByRole("link", { name: "Second factors (TOTP, passkeys)" }).click();
  await expect(page.getByTestId("totp-status")).toHaveText("Not set up.");
  const { app, codes } = await enrolTotp(page);
  await expect(page.getByTestId("recovery-codes-left")).toHaveText("10 of 10 left.");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login$/);

  // The password alone is not enough any more.
  await passwordStep(page, totpUser);
  await expect(page).toHaveURL(/\/login\/second-factor$/);
  await page.goto("/vms");
  await expect(page).toHaveURL(/\/login$/);
  await passwordStep(page, totpUser);
  await enterCode(page, await app.next());
  await expect(page.getByTestId("signed-in-user")).toContainText(totpUser);
  await page.getByRole("button", { name: "Sign out" }).click();

  // Five wrong codes end the waiting sign-in; three more (eight in a row) lock TOTP.
  await passwordStep(page, totpUser);
  for (let i = 0; i < 4; i++) {
    await enterCode(page, "000000");
    await expect(page.getByRole("alert").filter({ hasText: "Wrong code" })).toBeVisible();
  }
  await enterCode(page, "000000");
  await expect(
    page.getByRole("alert").filter({ hasText: "enter your password again" }),
  ).toBeVisible();
  await passwordStep(page, totpUser);
  for (let i = 0; i < 2; i++) await enterCode(page, "000000");
  await enterCode(page, "000000");
  await expect(page.getByRole("alert").filter({ hasText: "TOTP is now locked" })).toBeVisible();
  await enterCode(page, await app.next());
  await expect(
    page.getByRole("alert").filter({ hasText: /^TOTP is locked after 8/ }),
  ).toBeVisible();
  await enterCode(page, codes[0]!);
  await expect(page.getByTestId("signed-in-user")).toContainText(totpUser);
  await page.goto("/account/security");
  await expect(page.getByTestId("totp-status")).toHaveText("On.");
  await expect(page.getByTestId("recovery-codes-left")).toHaveText("9 of 10 left.");

  // The audit log saw all of it.
  const audit = (await (
    await admin.get(`/api/v1/audit?action=auth.second-factor&limit=50`)
  ).json()) as { rows: { target: string; outcome: string; detail: string | null }[] };
  const mine = audit.rows.filter((e) => e.target === totpUser);
  expect(mine.filter((e) => e.outcome === "refused")).toHaveLength(9);
  expect(mine.some((e) => e.detail?.includes("TOTP locked"))).toBe(true);
  expect(mine.some((e) => e.detail?.includes("with a recovery code (9 left; TOTP unlocked)"))).toBe(
    true,
  );
  await page.context().close();
});

test("a policy by role makes a user without a factor enrol first; an administrator resets factors", async ({
  browser,
}) => {
  const adminPage = await newPage(browser);
  await signIn(adminPage);
  const users = (await (await admin.get("/api/v1/users")).json()) as {
    users: { id: string; username: string }[];
  };
  const userId = users.users.find((u) => u.username === policyUser)!.id;
  const granted = await admin.post("/api/v1/acl", {
    data: { path: "/", subjectType: "user", subjectId: userId, role: "Auditor" },
  });
  expect(granted.status(), await granted.text()).toBe(201);
  await adminPage.goto("/settings/users");
  const policy = adminPage.getByRole("form", { name: "Sign-in policy" });
  await policy.getByLabel("Auditor", { exact: true }).check();
  await policy.getByRole("button", { name: "Save sign-in policy" }).click();
  await expect(adminPage.getByTestId("policy-outcome")).toContainText("Sign-in policy saved");

  const page = await newPage(browser);
  await passwordStep(page, policyUser);
  await expect(page).toHaveURL(/\/account\/security$/);
  await expect(
    page.getByRole("alert").filter({ hasText: "requires a second factor" }),
  ).toBeVisible();
  // Nothing else opens, pages nor API, until a factor is set up.
  await page.goto("/vms");
  await expect(page).toHaveURL(/\/account\/security$/);
  const refused = await page.request.get("/api/v1/vms");
  expect(refused.status()).toBe(403);
  expect(((await refused.json()) as { error: string }).error).toContain(
    "Set up a second factor first",
  );
  await enrolTotp(page);
  await page.goto("/vms");
  await expect(page).toHaveURL(/\/vms$/);

  // The administrator resets the factors (a lost phone): the next sign-in must enrol again.
  await adminPage.reload();
  const row = adminPage.locator(`[data-testid="user-row"][data-username="${policyUser}"]`);
  await expect(row.getByTestId("user-factors")).toHaveText("TOTP");
  const dialog = await openConfirm(
    adminPage,
    row.getByRole("button", { name: "Reset second factors" }),
  );
  await dialog.getByRole("button", { name: "Reset second factors" }).click();
  await expect(adminPage.getByTestId("user-outcome")).toContainText(
    `Removed TOTP, 10 recovery code(s) of ${policyUser}`,
  );
  await expect(row.getByTestId("user-factors")).toHaveText("—");
  const fresh = await newPage(browser);
  await passwordStep(fresh, policyUser);
  await expect(fresh).toHaveURL(/\/account\/security$/);
  const audit = (await (
    await admin.get(`/api/v1/audit?action=user.reset-second-factors&limit=5`)
  ).json()) as { rows: { target: string; outcome: string }[] };
  expect(audit.rows[0]).toMatchObject({ target: policyUser, outcome: "ok" });
  for (const p of [adminPage, page, fresh]) await p.context().close();
});

test("a passkey from Chromium's virtual authenticator is registered and signs in", async ({
  browser,
}) => {
  const page = await newPage(browser, LOCALHOST);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "internal",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  await signIn(page, passkeyUser, PASSWORD);
  await page.goto("/account/security");
  await page.getByLabel(/^Password/).fill(PASSWORD);
  const add = page.getByRole("form", { name: "Add a passkey" });
  await add.getByLabel("Name").fill("laptop");
  await add.getByRole("button", { name: "Add a passkey" }).click();
  await expect(page.getByTestId("second-factor-outcome")).toHaveText("Passkey laptop added.");
  await expect(page.getByTestId("passkey-row")).toContainText("laptop");
  await expect(page.getByTestId("recovery-codes").locator("li")).toHaveCount(10);
  const { credentials } = await cdp.send("WebAuthn.getCredentials", { authenticatorId });
  expect(credentials).toHaveLength(1);

  await page.getByRole("button", { name: "Sign out" }).click();
  await passwordStep(page, passkeyUser);
  await expect(page).toHaveURL(/\/login\/second-factor$/);
  await page.getByRole("button", { name: "Use a passkey" }).click();
  await expect(page.getByTestId("signed-in-user")).toContainText(passkeyUser);
  const after = await cdp.send("WebAuthn.getCredentials", { authenticatorId });
  expect(after.credentials[0]!.signCount).toBeGreaterThan(credentials[0]!.signCount);
  await page.goto("/account/security");
  await expect(page.getByTestId("passkey-row")).toContainText("last used");

  // A passkey is removed after confirming, with the password.
  await page.getByLabel(/^Password/).fill(PASSWORD);
  const dialog = await openConfirm(
    page,
    page.getByRole("button", { name: "Remove passkey laptop" }),
  );
  await dialog.getByRole("button", { name: "Remove" }).click();
  await expect(page.getByTestId("second-factor-outcome")).toHaveText("Passkey laptop removed.");
  await expect(page.getByTestId("passkey-row")).toHaveCount(0);
  await page.context().close();
});
