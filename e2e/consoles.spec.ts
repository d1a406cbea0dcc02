// In-browser consoles against a fresh tiny guest on the lab's host 1: its VGA text screen through
// noVNC (pixels, typing, Ctrl-Alt-Del) and its serial shell through xterm.js, with a takeover.
import { randomBytes } from "node:crypto";
import { expect, type Page, test } from "@playwright/test";
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
  // The first tab is told it was taken over by another session (not that the VM stopped), and
  // may take it back.
  await expect(page.getByTestId("serial-terminal")).toHaveAttribute("data-status", "taken-over", {
    timeout: 10_000,
  });
  await expect(page.getByTestId("console-message")).toContainText(
    "Another session took this serial console over",
  );
  await expect(page.getByTestId("console-message")).not.toContainText("did the VM stop");
  await page.getByRole("button", { name: "Take it back" }).click();
  await echoOnSerial(page, `virtdeck-${randomBytes(4).toString("hex")}`);
  await expect(other.getByTestId("serial-terminal")).toHaveAttribute("data-status", "taken-over", {
    timeout: 10_000,
  });
  await expect(other.getByRole("button", { name: "Reconnect" })).toBeVisible();
  await other.close();
});

/** The page does not scroll, and noVNC's canvas lies wholly inside the window. */
async function expectScreenFits(page: Page): Promise<void> {
  await expect.poll(() => lightPixels(page), { timeout: 10_000 }).toBeGreaterThan(500);
  await expect
    .poll(
      () =>
        page.evaluate(() => {
          const canvas = document.querySelector('[data-testid="vnc-screen"] canvas');
          if (!canvas) return "no canvas";
          const r = canvas.getBoundingClientRect();
          const doc = document.documentElement;
          if (doc.scrollHeight > window.innerHeight)
            return `page scrolls: ${doc.scrollHeight} > ${window.innerHeight}`;
          if (r.bottom > window.innerHeight || r.right > window.innerWidth)
            return `canvas ends at ${Math.round(r.right)}×${Math.round(r.bottom)}`;
          if (r.height < 200) return `canvas only ${Math.round(r.height)} px tall`;
          return "fits";
        }),
      { timeout: 10_000 },
    )
    .toBe("fits");
}

test("fit to window fits the screen's width and height, in the page and in a pop-out window", async ({
  browser,
  page,
}) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await signIn(page);
  await openVmPage(page, guest);
  await openVncConsole(page);
  await expect(page.getByLabel("Scaling")).toHaveValue("fit");
  await expectScreenFits(page);

  // The pop-out window's own size (a 768 px tall window, as a laptop's screen allows).
  const vmId = new URL(page.url()).pathname.split("/")[2]!;
  const popOut = await browser.newPage({ viewport: { width: 1100, height: 768 } });
  await signIn(popOut);
  await popOut.goto(`/console/${vmId}/vnc`);
  await expect(popOut.getByTestId("console-status")).toHaveAttribute("data-status", "connected", {
    timeout: 20_000,
  });
  await expectScreenFits(popOut);
  // A second viewer shares the screen (noVNC asks for a shared session): nobody is pushed off.
  await expect(page.getByTestId("console-status")).toHaveAttribute("data-status", "connected");
  await popOut.setViewportSize({ width: 900, height: 600 });
  await expectScreenFits(popOut);
  await popOut.close();
});
