import { expect, type Page } from "@playwright/test";

/** Adds the lab's libvirtd (qemu:///system) through the Hosts page and waits until it is listed. */
export async function addLabHost(page: Page, name: string): Promise<void> {
  await page.goto("/hosts");
  const form = page.getByRole("form", { name: "Add host" });
  await form.getByLabel("Name").fill(name);
  await form.getByLabel("libvirt URI").fill("qemu:///system");
  await form.getByRole("button", { name: "Add host" }).click();
  await expect(page.getByTestId("host-row").filter({ hasText: name })).toBeVisible();
}

/** Removes a host through the Hosts page (Virtdeck forgets it; the host is untouched). */
export async function removeHost(page: Page, name: string): Promise<void> {
  await page.goto("/hosts");
  const row = page.getByTestId("host-row").filter({ hasText: name });
  if ((await row.count()) === 0) return;
  await row.getByRole("button", { name: `Remove ${name}` }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Remove host" }).click();
  await expect(row).toHaveCount(0);
}
