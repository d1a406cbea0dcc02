import { expect, type Page } from "@playwright/test";
import { labEnv } from "../../tests/integration/support/lab-env";

/** Opens a tab of the VM page that is open (Summary, Console, Hardware, Snapshots, Options, History). */
export async function openVmTab(page: Page, tab: string): Promise<void> {
  await page
    .getByRole("navigation", { name: "VM sections" })
    .getByRole("link", { name: tab })
    .click();
  await expect(
    page.getByRole("navigation", { name: "VM sections" }).getByRole("link", { name: tab }),
  ).toHaveAttribute("aria-current", "page");
}

/** Clicks the create-VM wizard's Next button `times` times. */
export async function nextStep(page: Page, times = 1): Promise<void> {
  for (let i = 0; i < times; i++) await page.getByRole("button", { name: "Next" }).click();
}

/**
 * On an open serial console: waits for the lab guest's prompt (it may still be booting), types
 * a shell line on a fresh prompt and waits for `expected` in the terminal rows.
 */
export async function onSerial(
  page: Page,
  line: string,
  expected: string,
  bootTimeout = 60_000,
): Promise<void> {
  const terminal = page.getByTestId("serial-terminal");
  await expect(terminal).toHaveAttribute("data-status", "connected", { timeout: 20_000 });
  await expect(terminal.locator(".xterm-rows")).toContainText(labEnv().LAB_GUEST_PROMPT, {
    timeout: bootTimeout,
  });
  await terminal.click();
  await page.keyboard.type(line, { delay: 10 });
  await page.keyboard.press("Enter");
  await expect(terminal.locator(".xterm-rows")).toContainText(expected, { timeout: 15_000 });
}
