// A team in Chromium against the lab's two hosts: the admin creates "op" (Operator on host 1
// only) and "viewer" (Auditor on /) in the UI; op starts a VM and uses its console on host 1 and
// sees nothing of host 2 anywhere (list, search, counts, overview, API), has no XML editor and
// no pool creation; viewer sees everything and every change is absent or refused; a grant
// revoked by the admin takes the VM out of op's open list without a reload; op mints API tokens
// in Settings (the password again; a privilege-separated one holds nothing). virsh is the oracle.
import { type Browser, expect, type Page, test } from "@playwright/test";
import { labEnv } from "../tests/integration/support/lab-env";
import { defineXml, guestXml, removeDomain, virsh } from "../tests/integration/support/virsh";
import { mintToken } from "./support/api-token";
import { SAME_ORIGIN } from "./support/constants";
import { removeHost } from "./support/lab-host";
import { signIn } from "./support/sign-in";
import { onSerial, openVmTab } from "./support/vm-pages";

const lab = labEnv();
const suffix = Date.now().toString(36);
const host1 = `acl-h1-${suffix}`;
const host2 = `acl-h2-${suffix}`;
const vm1 = `e2e-acl1-${suffix}`;
const vm2 = `e2e-acl2-${suffix}`;
const op = `op-${suffix}`;
const viewer = `viewer-${suffix}`;
const PASSWORD = "team-password-123";

test.describe.configure({ mode: "serial" });
let host1Id = "";
let vm2Id = "";

async function asUser(browser: Browser, username: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, username, PASSWORD);
  return page;
}

async function createUser(page: Page, username: string): Promise<void> {
  await page.goto("/settings/users");
  const form = page.getByRole("form", { name: "Create user" });
  await form.getByLabel("Username").fill(username);
  await form.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await form.getByLabel("Must choose a new password at first sign-in").uncheck();
  await form.getByRole("button", { name: "Create user" }).click();
  await expect(page.getByTestId("create-user-outcome")).toHaveText(`Created ${username}`);
  await expect(page.locator(`[data-testid="user-row"][data-username="${username}"]`)).toBeVisible();
}

async function grantRole(
  page: Page,
  on: { kind: string; host?: string },
  who: string,
  role: string,
) {
  await page.goto("/settings/permissions");
  const form = page.getByRole("form", { name: "Grant a role" });
  await form.locator("#grant-kind").selectOption(on.kind);
  if (on.host) await form.getByLabel("Host").selectOption({ label: on.host });
  await form.getByLabel("Who").selectOption({ label: who });
  await form.getByLabel("Role").selectOption(role);
  await form.getByRole("button", { name: "Grant" }).click();
  await expect(page.getByTestId("grant-outcome")).toContainText(`Granted ${role} to ${who}`);
}

test.beforeAll(async () => {
  await defineXml(lab.LAB_URI, await guestXml(lab, vm1));
  await defineXml(lab.LAB_HOST2_URI, await guestXml(lab, vm2));
  const { api } = await mintToken(`acl-setup ${suffix}`);
  for (const [name, uri] of [
    [host1, lab.LAB_URI],
    [host2, lab.LAB_HOST2_URI],
  ]) {
    const res = await api.post("/api/v1/hosts", { data: { name, uri } });
    expect(res.status(), await res.text()).toBe(201);
    if (name === host1) host1Id = ((await res.json()) as { host: { id: string } }).host.id;
  }
  await expect
    .poll(
      async () => {
        const vms = (
          (await (await api.get("/api/v1/vms")).json()) as { vms: { id: string; name: string }[] }
        ).vms;
        vm2Id = vms.find((v) => v.name === vm2)?.id ?? "";
        return vms.filter((v) => v.name === vm1 || v.name === vm2).length;
      },
      { timeout: 20_000 },
    )
    .toBe(2);
  await api.dispose();
});

test.afterAll(async ({ browser }) => {
  await removeDomain(lab.LAB_URI, vm1);
  await removeDomain(lab.LAB_HOST2_URI, vm2);
  const page = await browser.newPage();
  await signIn(page);
  await removeHost(page, host1);
  await removeHost(page, host2);
  await page.close();
});

test("the admin creates op and viewer and grants them roles in the UI", async ({ page }) => {
  await signIn(page);
  await createUser(page, op);
  await createUser(page, viewer);
  await grantRole(page, { kind: "host", host: host1 }, op, "Operator");
  await grantRole(page, { kind: "root" }, viewer, "Auditor");
  const rows = page.getByTestId("acl-row");
  await expect(rows.filter({ hasText: op })).toContainText("Operator");
  await expect(rows.filter({ hasText: viewer })).toContainText("Auditor");
  // Effective permissions name the grant behind each privilege.
  await page.getByLabel("For", { exact: true }).selectOption({ label: op });
  await page.locator("#explain-kind").selectOption("host");
  await page.locator("#explain-host").selectOption({ label: host1 });
  await page.getByRole("button", { name: "Show", exact: true }).click();
  const effective = page.getByTestId("effective-row").filter({ hasText: "VM.PowerMgmt" });
  await expect(effective).toContainText(`Operator to user ${op} on /hosts/${host1Id}`);
  await expect(page.getByTestId("effective-row").filter({ hasText: "VM.Config.XML" })).toHaveCount(
    0,
  );
});

test("op sees and uses host 1 only: list, search, overview, API; no XML editor or pool creation", async ({
  browser,
}) => {
  const page = await asUser(browser, op);
  await page.goto("/vms");
  await expect(page.locator(`[data-testid="vm-row"][data-vm-name="${vm1}"]`)).toBeVisible();
  await expect(page.locator(`[data-testid="vm-row"][data-vm-name="${vm2}"]`)).toHaveCount(0);
  await page.getByRole("searchbox", { name: "Search VMs" }).fill(vm2);
  await expect(page.getByTestId("vm-row")).toHaveCount(0);

  await page.goto("/");
  await expect(page.getByTestId("overview-host")).toHaveCount(1);
  await expect(page.getByText(host2)).toHaveCount(0);

  const list = (await (await page.request.get("/api/v1/vms")).json()) as {
    vms: { name: string; hostName: string }[];
  };
  expect(list.vms.some((v) => v.hostName === host2)).toBe(false);
  expect((await page.request.get(`/api/v1/vms/${vm2Id}`)).status()).toBe(404);
  expect((await page.request.get("/api/v1/hosts")).ok()).toBe(true);
  const hosts = (await (await page.request.get("/api/v1/hosts")).json()) as {
    hosts: { name: string }[];
  };
  expect(hosts.hosts.map((h) => h.name)).toEqual([host1]);

  await page.goto("/vms");
  const row = page.locator(`[data-testid="vm-row"][data-vm-name="${vm1}"]`);
  await row.getByRole("button", { name: `Start ${vm1}` }).click();
  await expect(row.getByTestId("vm-state")).toHaveText("running", { timeout: 15_000 });
  expect(await virsh(lab.LAB_URI, "domstate", vm1)).toBe("running");

  await row.getByRole("link", { name: vm1, exact: true }).click();
  await expect(page.getByRole("heading", { name: vm1 })).toBeVisible();
  await openVmTab(page, "Options");
  await expect(page.getByRole("button", { name: "Edit description and XML" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Edit description", exact: true })).toBeEnabled();
  await openVmTab(page, "Summary");
  await page.getByRole("link", { name: "Open serial console" }).click();
  await onSerial(page, `echo acl-${suffix}`, `acl-${suffix}`);

  await page.goto("/storage");
  await expect(page.getByText(host1)).toBeVisible();
  await expect(page.getByRole("button", { name: "Create pool" })).toHaveCount(0);
  const refused = await page.request.post(`/api/v1/hosts/${host1Id}/pools`, {
    headers: SAME_ORIGIN,
    data: { type: "dir", name: `acl-${suffix}`, path: `/tmp/acl-${suffix}` },
  });
  expect(refused.status()).toBe(403);
  expect(await virsh(lab.LAB_URI, "pool-list", "--all", "--name")).not.toContain(`acl-${suffix}`);
});

test("viewer sees everything, and every change is disabled or refused", async ({ browser }) => {
  const page = await asUser(browser, viewer);
  await page.goto("/vms");
  const row = page.locator(`[data-testid="vm-row"][data-vm-name="${vm1}"]`);
  await expect(row).toBeVisible();
  await expect(page.locator(`[data-testid="vm-row"][data-vm-name="${vm2}"]`)).toBeVisible();
  const forceOff = row.getByRole("button", { name: `Force off ${vm1}` });
  await expect(forceOff).toBeDisabled();
  await expect(forceOff).toHaveAttribute("title", "Needs VM.PowerMgmt");
  await expect(page.getByRole("link", { name: "Create VM" })).toHaveCount(0);

  const vms = (await (await page.request.get("/api/v1/vms")).json()) as {
    vms: { id: string; name: string }[];
  };
  const id = vms.vms.find((v) => v.name === vm1)!.id;
  const res = await page.request.post(`/api/v1/vms/${id}/actions/destroy`, {
    headers: SAME_ORIGIN,
  });
  expect(res.status()).toBe(403);
  expect(((await res.json()) as { error: string }).error).toContain("VM.PowerMgmt");
  expect(await virsh(lab.LAB_URI, "domstate", vm1)).toBe("running");

  await page.goto("/hosts");
  await expect(page.getByRole("form", { name: "Add host" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: `Remove ${host1}` })).toBeDisabled();
  await page.goto("/audit");
  await expect(
    page
      .getByTestId("audit-row")
      .filter({ hasText: "vm.destroy" })
      .filter({ hasText: vm1 })
      .first(),
  ).toContainText("refused");
});

test("op mints tokens in Settings with the password again; a privilege-separated one holds nothing", async ({
  browser,
}) => {
  const page = await asUser(browser, op);
  await page.goto("/settings");
  const form = page.getByRole("form", { name: "Create API token" });
  const mint = async (name: string, password: string, privsep: boolean) => {
    await form.getByLabel("Token name").fill(name);
    await form.getByLabel("Your password").fill(password);
    await form.getByLabel(/Privilege-separated/).setChecked(privsep);
    await form.getByRole("button", { name: "Create token" }).click();
  };
  await mint("wrong", "not-my-password", false);
  await expect(form.getByText("Wrong password")).toBeVisible();
  await expect(page.getByTestId("api-token-row")).toHaveCount(0);

  const bearer = async (token: string) =>
    (await browser.newContext()).request.get("/api/v1/vms", {
      headers: { authorization: `Bearer ${token}` },
    });
  const names = async (token: string) =>
    ((await (await bearer(token)).json()) as { vms: { name: string }[] }).vms.map((v) => v.name);

  await mint("full", PASSWORD, false);
  const full = (await page.getByTestId("new-api-token").textContent()) ?? "";
  expect(full).toMatch(/^vdk_/);
  expect(await names(full)).toContain(vm1);

  await mint("narrow", PASSWORD, true);
  await expect(page.getByTestId("new-api-token")).not.toHaveText(full);
  const narrow = (await page.getByTestId("new-api-token").textContent()) ?? "";
  expect(await names(narrow)).toEqual([]);
  const row = page.getByTestId("api-token-row").filter({ hasText: "narrow" });
  await expect(row).toContainText("privilege-separated");

  await row.getByRole("button", { name: "Revoke narrow" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Revoke token" }).click();
  await expect(page.getByTestId("api-token-outcome")).toHaveText("Revoked narrow");
  expect((await bearer(narrow)).status()).toBe(401);
  expect((await bearer(full)).status()).toBe(200);
});

test("a grant revoked by the admin takes the VM out of op's open list live", async ({
  browser,
}) => {
  const opPage = await asUser(browser, op);
  const frames: string[] = [];
  opPage.on("websocket", (ws) => {
    if (ws.url().endsWith("/ws/events"))
      ws.on("framereceived", ({ payload }) => frames.push(String(payload)));
  });
  await opPage.goto("/vms");
  const row = opPage.locator(`[data-testid="vm-row"][data-vm-name="${vm1}"]`);
  await expect(row).toBeVisible();
  // The page follows changes once its socket said hello.
  await expect.poll(() => frames.some((f) => f.includes('"hello"'))).toBe(true);

  const admin = await (await browser.newContext()).newPage();
  await signIn(admin);
  await admin.goto("/settings/permissions");
  const grantRow = admin.getByTestId("acl-row").filter({ hasText: op });
  await grantRow.getByRole("button", { name: /^Revoke Operator of/ }).click();
  await admin.getByRole("dialog").getByRole("button", { name: "Revoke" }).click();
  await expect(admin.getByTestId("acl-outcome")).toContainText("Revoked Operator");

  await expect(row).toHaveCount(0, { timeout: 5_000 });
  expect(frames.some((f) => f.includes('"type":"access"'))).toBe(true);
  expect((await opPage.request.get("/api/v1/vms")).ok()).toBe(true);
  const after = (await (await opPage.request.get("/api/v1/vms")).json()) as { vms: unknown[] };
  expect(after.vms).toEqual([]);
});
