// Screens of issue #13 against the lab's real libvirtd, with virsh as the oracle: the host page
// follows pools and networks made after it opened; deleting a network or a pool leaves the
// browser without a 404; storage's destructive buttons are red and a delete that would be
// refused is not offered; a theme switch leaves no hydration error; the change-password page
// keeps the app around it. Everything made here is named sc-… and removed afterwards.
import { mkdtempSync, rmSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { expect, type Page, test } from "@playwright/test";
import { freshGuestName } from "../tests/integration/lab/tiny-guest";
import { labEnv } from "../tests/integration/support/lab-env";
import { defineXml, guestXml, removeDomain, virsh } from "../tests/integration/support/virsh";
import { openConfirm, waitForLive } from "./support/hosts";
import { addLabHost, removeHost } from "./support/lab-host";
import { signIn } from "./support/sign-in";

const lab = labEnv();
const suffix = Date.now().toString(36);
const hostName = `sc-host-${suffix}`;
const pool = `sc-pool-${suffix}`;
const poolDir = mkdtempSync(path.join("/var/tmp", "sc-pool-"));
const volume = `sc-vol-${suffix}.img`;
const guest = freshGuestName("sc-vm");
const runningGuest = freshGuestName("sc-hyd");
const nets: string[] = [];
const pools: string[] = [pool];
const dirs: string[] = [poolDir];

test.describe.configure({ mode: "serial" });

test.beforeAll(async ({ browser }) => {
  const page = await browser.newPage();
  await signIn(page);
  await addLabHost(page, hostName);
  await page.close();
});

test.afterAll(async ({ browser }) => {
  await removeDomain(lab.LAB_URI, guest);
  await removeDomain(lab.LAB_URI, runningGuest);
  for (const name of nets) {
    await virsh(lab.LAB_URI, "net-destroy", name).catch(() => undefined);
    await virsh(lab.LAB_URI, "net-undefine", name).catch(() => undefined);
  }
  for (const name of pools) {
    const vols = await virsh(lab.LAB_URI, "vol-list", name).catch(() => "");
    for (const line of vols.split("\n")) {
      const vol = line.trim().split(/\s+/)[0];
      if (vol) await virsh(lab.LAB_URI, "vol-delete", "--pool", name, vol).catch(() => undefined);
    }
    await virsh(lab.LAB_URI, "pool-destroy", name).catch(() => undefined);
    await virsh(lab.LAB_URI, "pool-undefine", name).catch(() => undefined);
  }
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  const page = await browser.newPage();
  await signIn(page);
  await removeHost(page, hostName);
  await page.close();
});

/** Every 404 answer and console error the page sees from now on. */
function watchProblems(page: Page): () => string[] {
  const problems: string[] = [];
  page.on("response", (r) => {
    if (r.status() === 404) problems.push(`404 ${r.request().method()} ${r.url()}`);
  });
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  return () => problems;
}

async function hostId(page: Page): Promise<string> {
  const { hosts } = (await (await page.request.get("/api/v1/hosts")).json()) as {
    hosts: { id: string; name: string }[];
  };
  return hosts.find((h) => h.name === hostName)!.id;
}

async function defineNetwork(name: string, bridge: string): Promise<void> {
  nets.push(name);
  const dir = await mkdtemp("/tmp/sc-net-");
  try {
    await writeFile(
      `${dir}/net.xml`,
      `<network><name>${name}</name><bridge name="${bridge}"/></network>`,
    );
    await virsh(lab.LAB_URI, "net-define", `${dir}/net.xml`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function definePool(name: string): Promise<string> {
  const dir = mkdtempSync(path.join("/var/tmp", "sc-pool-"));
  dirs.push(dir);
  if (!pools.includes(name)) pools.push(name);
  await virsh(lab.LAB_URI, "pool-define-as", name, "dir", "--target", dir);
  return dir;
}

test("the host page shows pools and networks made after it opened, and when it was last seen", async ({
  page,
}) => {
  await signIn(page);
  await page.goto(`/hosts/${await hostId(page)}`);
  await expect(page.getByRole("heading", { name: hostName })).toBeVisible();
  await waitForLive(page);
  await expect(page.getByTestId("host-last-seen")).toContainText("last seen now");

  const net = `sc-net-${suffix}`;
  const later = `sc-later-${suffix}`;
  await defineNetwork(net, `scb${suffix.slice(-6)}`);
  await definePool(later);
  // No reload: the host's network and pool events make the page read them again.
  await expect(page.getByTestId("host-networks")).toContainText(net, { timeout: 10_000 });
  await expect(page.getByTestId("host-pools")).toContainText(later, { timeout: 10_000 });
  await virsh(lab.LAB_URI, "pool-undefine", later);
  await expect(page.getByTestId("host-pools")).not.toContainText(later, { timeout: 10_000 });
});

test("deleting a network redirects to the list without a 404 or a console error", async ({
  page,
}) => {
  const net = `sc-net-${suffix}`; // defined by the host page test, inactive
  await signIn(page);
  await page.goto(`/networks/${await hostId(page)}/${net}`);
  await expect(page.getByRole("heading", { name: net })).toBeVisible();
  const problems = watchProblems(page);
  const dialog = await openConfirm(page, page.getByRole("button", { name: "Delete", exact: true }));
  await page.waitForTimeout(1_000); // the page's live socket is open: the deletion's event reaches it
  await dialog.getByRole("button", { name: "Delete network" }).click();
  await expect(page).toHaveURL(/\/networks$/, { timeout: 15_000 });
  expect(await virsh(lab.LAB_URI, "net-list", "--all", "--name")).not.toContain(net);
  // Late reads (the event of the deletion, the leases poll) would land here.
  await page.waitForTimeout(6_000);
  expect(problems()).toEqual([]);
});

test("a volume in use: its Delete is red, and the dialog says why it is refused instead of offering it", async ({
  page,
}) => {
  await virsh(lab.LAB_URI, "pool-define-as", pool, "dir", "--target", poolDir);
  await virsh(lab.LAB_URI, "pool-start", pool);
  await virsh(lab.LAB_URI, "vol-create-as", pool, volume, "1M", "--format", "raw");
  const disk = `<disk type='file' device='disk'><driver name='qemu' type='raw'/><source file='${poolDir}/${volume}'/><target dev='vdb' bus='virtio'/></disk>`;
  await defineXml(
    lab.LAB_URI,
    (await guestXml(lab, guest)).replace("</devices>", `${disk}</devices>`),
  );
  await signIn(page);
  await page.goto(`/storage/${await hostId(page)}/${pool}`);
  const row = page.locator(`[data-testid="volume-row"][data-volume-name="${volume}"]`);
  await expect(row).toContainText(guest, { timeout: 15_000 });

  // Destructive buttons look alike: the volume's Delete as the pool's.
  const background = (name: string, scope = page.locator("body")) =>
    scope
      .getByRole("button", { name, exact: true })
      .evaluate((b) => getComputedStyle(b).backgroundColor);
  expect(await background("Delete", row)).toBe(await background("Delete pool"));

  const dialog = await openConfirm(page, row.getByRole("button", { name: "Delete", exact: true }));
  await expect(dialog).toContainText(`${guest} uses this volume`);
  await expect(dialog.getByTestId("confirm-refusal")).toContainText("remove the disk");
  await expect(dialog.getByRole("button", { name: "Delete volume" })).toHaveCount(0);
  await dialog.getByRole("button", { name: "Close" }).click();

  const poolDialog = await openConfirm(page, page.getByRole("button", { name: "Delete pool" }));
  await expect(poolDialog.getByTestId("confirm-refusal")).toContainText(guest);
  await expect(poolDialog.getByRole("button", { name: "Delete pool" })).toHaveCount(0);
  await poolDialog.getByRole("button", { name: "Close" }).click();
  expect(await virsh(lab.LAB_URI, "vol-list", pool)).toContain(volume);

  // The upload's file picker has the other inputs' border.
  const border = (locator: ReturnType<Page["getByTestId"]>) =>
    locator.evaluate((el) => getComputedStyle(el).borderTopColor);
  expect(await border(page.getByTestId("upload-file"))).toBe(
    await border(page.getByLabel("Volume name")),
  );
});

test("deleting a pool redirects to the list without a 404 or a console error", async ({ page }) => {
  await removeDomain(lab.LAB_URI, guest);
  await virsh(lab.LAB_URI, "vol-delete", "--pool", pool, volume);
  await signIn(page);
  await page.goto(`/storage/${await hostId(page)}/${pool}`);
  await expect(page.getByRole("heading", { name: `${pool} on ${hostName}` })).toBeVisible();
  await expect(page.locator('[data-testid="volume-row"]')).toHaveCount(0, { timeout: 15_000 });
  const problems = watchProblems(page);
  const dialog = await openConfirm(page, page.getByRole("button", { name: "Delete pool" }));
  await page.waitForTimeout(1_000);
  await dialog.getByRole("button", { name: "Delete pool" }).click();
  await expect(page).toHaveURL(/\/storage$/, { timeout: 15_000 });
  expect(await virsh(lab.LAB_URI, "pool-list", "--all", "--name")).not.toContain(pool);
  await page.waitForTimeout(3_000);
  expect(problems()).toEqual([]);
});

/** Switches the theme on the page open now and reloads it; returns whether it is dark now. */
async function switchThemeAndReload(page: Page): Promise<boolean> {
  const dark = await page.evaluate(() => document.documentElement.classList.contains("dark"));
  await page
    .getByRole("button", { name: dark ? "Switch to light theme" : "Switch to dark theme" })
    .click();
  await page.reload();
  await expect(page.locator("html")).toHaveClass(dark ? /^(?!.*\bdark\b)/ : /\bdark\b/);
  await expect(
    page.getByRole("button", { name: dark ? "Switch to dark theme" : "Switch to light theme" }),
  ).toBeVisible();
  return !dark;
}

/** Opens the VM's page from the list, then loads it whole a few times. */
async function loadVmPage(page: Page, name: string): Promise<void> {
  await page.goto("/vms");
  const link = page.getByRole("link", { name, exact: true });
  await expect(link).toBeVisible({ timeout: 20_000 });
  await link.click();
  await expect(page.getByRole("heading", { name })).toBeVisible();
  for (let i = 0; i < 4; i++) {
    await page.reload();
    await expect(page.getByRole("heading", { name })).toBeVisible();
    await page.waitForTimeout(700);
  }
}

test("after a theme switch and a reload, pages and a VM's page hydrate without an error", async ({
  page,
}) => {
  // A VM that is shut off (a running one's uptime is the next test).
  await defineXml(lab.LAB_URI, await guestXml(lab, runningGuest));
  await signIn(page);
  await page.goto("/vms");
  const problems = watchProblems(page);
  // Both ways: dark after light, then light after dark.
  for (let i = 0; i < 2; i++) {
    await page.goto("/vms");
    await switchThemeAndReload(page);
    await loadVmPage(page, runningGuest);
  }
  expect(problems().filter((p) => /418|hydrat/i.test(p))).toEqual([]);
  expect(problems()).toEqual([]);
});

test("a running VM's page hydrates without an error", async ({ page }) => {
  // React #418 on a running VM's page comes from its uptime: components/vms/vm-overview.tsx
  // renders Date.now() on the server and again in the browser, and the seconds differ. That
  // file belongs to the VM page's rewrite; the fix is handed over with this branch.
  await virsh(lab.LAB_URI, "start", runningGuest);
  await signIn(page);
  const problems = watchProblems(page);
  await loadVmPage(page, runningGuest);
  expect(problems().filter((p) => /418|hydrat/i.test(p))).toEqual([]);
});

test("the change-password page keeps the app's shell and a way back", async ({ page }) => {
  await signIn(page);
  await page.goto("/settings");
  await page.getByRole("link", { name: "Change password" }).click();
  await expect(page).toHaveURL(/\/account\/password$/);
  await expect(page.getByRole("heading", { name: "Change password" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  await expect(page.getByTestId("signed-in-user")).toContainText("admin");
  await page.getByRole("link", { name: "← Settings" }).click();
  await expect(page).toHaveURL(/\/settings$/);

  // The second factors page is the same kind of page.
  await page.goto("/account/security");
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  await expect(page.getByRole("link", { name: "← Settings" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Sign out" })).toHaveCount(1);
});
