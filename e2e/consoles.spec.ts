// In-browser consoles against a fresh tiny guest on the lab's host 1: its VGA text screen through
// noVNC (pixels, typing, Ctrl-Alt-Del) and its serial shell through xterm.js, with a takeover.
import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import {
  freshGuestName,
  readSerial,
  serialLogOf,
  startTinyGuest,
} from "../tests/integration/lab/tiny-guest";
import { labEnv } from "../tests/integration/support/lab-env";
import { removeDomain } from "../tests/integration/support/virsh";
import {
  changedPixels,
  echoOnSerial,
  lightPixels,
  openVmPage,
  openVncConsole,
  typeOnScreen,
} from "./support/consoles";
import { watchCspViolations } from "./support/csp";
import { addLabHost, removeHost } from "./support/lab-host";
import { signIn } from "./support/sign-in";

const lab = labEnv();
const hostName = `lab-con-${Date.now().toString(36)}`;
const guest = freshGuestName("e2e-con");

test.describe.configure({ mode: "serial" });

test.beforeAll(async ({ browser }) => {
  await startTinyGuest(lab, guest);
  const page = await browser.newPage();
  await signIn(page);
  await addLabHost(page, hostName);
  await page.close();
});

test.afterAll(async ({ browser }) => {
  await removeDomain(lab.LAB_URI, guest);
  const page = await browser.newPage();
  await signIn(page);
  await removeHost(page, hostName);
  await page.close();
});

test("the VNC console shows the guest's screen, takes typing and sends Ctrl-Alt-Del", async ({
  page,
}) => {
  const cspViolations = watchCspViolations(page);
  await signIn(page);
  await openVmPage(page, guest);
  // The thumbnail loads once it is scrolled into view (a screenshot from libvirt's stream).
  await page.getByRole("link", { name: "Open screen (VNC)" }).scrollIntoViewIfNeeded();
  const thumbnail = page.getByTestId("vm-thumbnail");
  await expect(thumbnail).toBeVisible({ timeout: 15_000 });
  expect(await thumbnail.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(
    100,
  );
  await openVncConsole(page);
  // The guest's text screen is on the canvas: light text on black, not an empty frame.
  await expect.poll(() => lightPixels(page), { timeout: 10_000 }).toBeGreaterThan(500);
  await expect(page.getByTestId("console-latency")).toBeVisible({ timeout: 10_000 });

  // Make Ctrl-Alt-Del reboot the guest at once (its init ignores it otherwise), typed on tty1.
  // Typed on tty1 (unshifted keys only: noVNC sends QEMU scancodes, and Playwright types ">"
  // without Shift): make Ctrl-Alt-Del reboot the guest at once (its init ignores it otherwise).
  await changedPixels(page, true);
  await typeOnScreen(page, "sysctl -w kernel.ctrl-alt-del=1");
  await expect.poll(() => changedPixels(page), { timeout: 10_000 }).toBeGreaterThan(500);

  const log = serialLogOf(lab, guest);
  const boots = (await readSerial(log)).split("virtdeck-guest ready").length;
  await page.getByRole("button", { name: "Ctrl+Alt+Del" }).click();
  await expect
    .poll(async () => (await readSerial(log)).split("virtdeck-guest ready").length, {
      timeout: 30_000,
    })
    .toBeGreaterThan(boots);
  // noVNC ran under the page's Content-Security-Policy (no eval, nonce'd scripts) unblocked.
  expect(cspViolations()).toEqual([]);
});

test("the serial console echoes a command, and a second tab can take it over", async ({
  browser,
  page,
}) => {
  const cspViolations = watchCspViolations(page);
  await signIn(page);
  await openVmPage(page, guest);
  await page.getByRole("link", { name: "Open serial console" }).click();
  await echoOnSerial(page, `virtdeck-${randomBytes(4).toString("hex")}`);
  expect(cspViolations()).toEqual([]);

  const other = await browser.newPage();
  await signIn(other);
  await other.goto(page.url());
  const terminal = other.getByTestId("serial-terminal");
  await expect(terminal).toHaveAttribute("data-status", "busy", { timeout: 15_000 });
  await expect(other.getByTestId("console-message")).toContainText("Another client holds");
  await other.getByRole("button", { name: "Take over" }).click();
  await echoOnSerial(other, `virtdeck-${randomBytes(4).toString("hex")}`);
  // The first tab is told, and may reconnect.
  await expect(page.getByTestId("serial-terminal")).not.toHaveAttribute(
    "data-status",
    "connected",
    {
      timeout: 10_000,
    },
  );
  await expect(page.getByRole("button", { name: "Reconnect" })).toBeVisible();
  await other.close();
});
