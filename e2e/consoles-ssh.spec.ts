// The same consoles on the lab's host 2, reached over SSH: VNC through a forwarded channel of
// the host's own SSH session (its VNC listens on host 2's loopback only), serial through libvirt.
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { freshGuestName } from "../tests/integration/lab/tiny-guest";
import { labEnv } from "../tests/integration/support/lab-env";
import { defineXml, guestXml, removeDomain, virsh } from "../tests/integration/support/virsh";
import {
  changedPixels,
  echoOnSerial,
  lightPixels,
  openVmPage,
  openVncConsole,
  typeOnScreen,
} from "./support/consoles";
import { removeHost } from "./support/lab-host";
import { signIn } from "./support/sign-in";

const lab = labEnv();
const SSH_URI = lab.LAB_HOST2_SSH_URI.replace(/\?.*$/, "");
const hostName = `ssh-con-${Date.now().toString(36)}`;
const guest = freshGuestName("e2e-con2");

test.describe.configure({ mode: "serial" });

test.beforeAll(async ({ browser }) => {
  await defineXml(lab.LAB_HOST2_URI, await guestXml(lab, guest));
  await virsh(lab.LAB_HOST2_URI, "start", guest);
  const page = await browser.newPage();
  await signIn(page);
  await page.goto("/hosts");
  const form = page.getByRole("form", { name: "Add host" });
  await form.getByLabel("Name").fill(hostName);
  await form.getByLabel("libvirt URI").fill(SSH_URI);
  await form.getByLabel("SSH user").fill("root");
  await form.getByLabel("Private key").fill(readFileSync(lab.LAB_SSH_KEY, "utf8"));
  await form.getByRole("button", { name: "Test connection" }).click();
  await expect(form.getByTestId("accepted-host-key")).toBeVisible({ timeout: 20_000 });
  await form.getByRole("button", { name: "Add host" }).click();
  const row = page.getByTestId("host-row").filter({ hasText: hostName });
  await expect(row.getByTestId("host-status")).toHaveText("online", { timeout: 20_000 });
  await page.close();
});

test.afterAll(async ({ browser }) => {
  await removeDomain(lab.LAB_HOST2_URI, guest);
  const page = await browser.newPage();
  await signIn(page);
  await removeHost(page, hostName);
  await page.close();
});

test("the VNC console of a guest on the SSH-reached host shows its screen and takes typing", async ({
  page,
}) => {
  // Its display listens on host 2's own loopback: nothing outside host 2 could dial it.
  expect(await virsh(lab.LAB_HOST2_URI, "vncdisplay", guest)).toMatch(/^127\.0\.0\.1:\d+$/);
  await signIn(page);
  await openVmPage(page, guest);
  await openVncConsole(page);
  await expect.poll(() => lightPixels(page), { timeout: 15_000 }).toBeGreaterThan(500);
  // Wait for the shell (the screen stops changing once the guest has booted).
  await expect
    .poll(async () => (await virsh(lab.LAB_HOST2_URI, "domstate", guest)) === "running")
    .toBe(true);
  await page.waitForTimeout(4_000);
  await changedPixels(page, true);
  await typeOnScreen(page, "echo typed-over-ssh");
  await expect.poll(() => changedPixels(page), { timeout: 10_000 }).toBeGreaterThan(500);
});

test("the serial console of a guest on the SSH-reached host echoes a command", async ({ page }) => {
  await signIn(page);
  await openVmPage(page, guest);
  await page.getByRole("link", { name: "Open serial console" }).click();
  await echoOnSerial(page, `virtdeck-${randomBytes(4).toString("hex")}`);
});
