// Page helpers for the console tests: open a VM's page and its consoles, read the VNC canvas.
import { expect, type Page } from "@playwright/test";

/** Opens the VM's page from the VM list (the host must be in Virtdeck already). */
export async function openVmPage(page: Page, vmName: string): Promise<void> {
  await page.goto("/vms");
  const link = page.getByRole("link", { name: vmName, exact: true });
  await expect(link).toBeVisible({ timeout: 20_000 });
  await link.click();
  await expect(page.getByRole("heading", { name: vmName })).toBeVisible();
}

/** Counts light pixels (the text of a VGA console) on noVNC's canvas. */
export async function lightPixels(page: Page): Promise<number> {
  return page
    .getByTestId("vnc-screen")
    .locator("canvas")
    .first()
    .evaluate((canvas) => {
      const c = canvas as HTMLCanvasElement;
      const ctx = c.getContext("2d");
      if (!ctx || c.width === 0 || c.height === 0) return 0;
      const data = ctx.getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 0; i < data.length; i += 4)
        if ((data[i] ?? 0) + (data[i + 1] ?? 0) + (data[i + 2] ?? 0) > 300) n++;
      return n;
    });
}

/**
 * Pixels of noVNC's canvas that differ from the baseline taken with `mark: true` (a blinking
 * cursor changes a few dozen; a line of text, hundreds).
 */
export async function changedPixels(page: Page, mark = false): Promise<number> {
  return page
    .getByTestId("vnc-screen")
    .locator("canvas")
    .first()
    .evaluate((canvas, mark) => {
      const c = canvas as HTMLCanvasElement;
      const now = c.getContext("2d")?.getImageData(0, 0, c.width, c.height).data;
      const store = window as unknown as { vdBaseline?: Uint8ClampedArray };
      if (!now) return 0;
      if (mark || !store.vdBaseline || store.vdBaseline.length !== now.length) {
        store.vdBaseline = now;
        return 0;
      }
      let n = 0;
      for (let i = 0; i < now.length; i += 4) if (now[i] !== store.vdBaseline[i]) n++;
      return n;
    }, mark);
}

/** Opens the VNC console from the VM page and waits until noVNC is connected. */
export async function openVncConsole(page: Page): Promise<void> {
  await page.getByRole("link", { name: "Open screen (VNC)" }).click();
  await expect(page.getByTestId("console-status")).toHaveAttribute("data-status", "connected", {
    timeout: 20_000,
  });
}

/** Types a line on the guest's VGA console (through noVNC's keyboard handling). */
export async function typeOnScreen(page: Page, line: string): Promise<void> {
  await page.getByTestId("vnc-screen").locator("canvas").first().click();
  await page.keyboard.type(line, { delay: 15 });
  await page.keyboard.press("Enter");
}

/** Opens the serial console and types `echo TOKEN` until the token comes back as output. */
export async function echoOnSerial(page: Page, token: string): Promise<void> {
  const terminal = page.getByTestId("serial-terminal");
  await expect(terminal).toHaveAttribute("data-status", "connected", { timeout: 20_000 });
  await terminal.click();
  await page.keyboard.type(`echo ${token}`, { delay: 10 });
  await page.keyboard.press("Enter");
  // Once as typed (the shell's echo of the command), once as the command's output.
  await expect
    .poll(
      async () =>
        ((await terminal.locator(".xterm-rows").textContent()) ?? "").split(token).length - 1,
      {
        timeout: 15_000,
      },
    )
    .toBeGreaterThanOrEqual(2);
}
