import { expect, type Locator, type Page } from "@playwright/test";

/**
 * Clicks `button` until the confirmation dialog is open: a click that lands before React has
 * hydrated the page does nothing, and Playwright cannot tell.
 */
export async function openConfirm(page: Page, button: Locator): Promise<Locator> {
  const dialog = page.getByRole("dialog");
  await expect(async () => {
    if (!(await dialog.isVisible())) await button.click();
    await expect(dialog).toBeVisible({ timeout: 1_000 });
  }).toPass();
  return dialog;
}

/** Removes the host whose page is open, confirming, and waits for the hosts list. */
export async function removeFromHostPage(page: Page): Promise<void> {
  const dialog = await openConfirm(page, page.getByRole("button", { name: "Remove", exact: true }));
  await dialog.getByRole("button", { name: "Remove host" }).click();
  await expect(page).toHaveURL(/\/hosts$/);
}

/** Waits until the page is hydrated and follows live changes (the live indicator says so). */
export async function waitForLive(page: Page): Promise<void> {
  await expect(page.getByTestId("live-status")).toHaveAttribute("data-status", "open");
}
