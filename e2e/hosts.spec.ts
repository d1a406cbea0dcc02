import { expect, test } from "@playwright/test";
import { signIn } from "./support/sign-in";

test.beforeEach(async ({ page }) => {
  await signIn(page);
  await page.getByRole("link", { name: "Hosts" }).click();
  await expect(page.getByRole("heading", { name: "Hosts", exact: true })).toBeVisible();
});

test("adds a host, sees it listed, and removes it after confirming", async ({ page }) => {
  const name = `lab-${Date.now().toString(36)}`;
  const form = page.getByRole("form", { name: "Add host" });
  await form.getByLabel("Name").fill(name);
  await form
    .getByLabel("libvirt URI")
    .fill("qemu+ssh://root@10.250.0.2/system?keyfile=/root/.ssh/id_ed25519");
  await form.getByRole("button", { name: "Add host" }).click();
  const row = page.getByTestId("host-row").filter({ hasText: name });
  await expect(row).toContainText(
    "qemu+ssh://root@10.250.0.2/system?keyfile=/root/.ssh/id_ed25519",
  );

  await page.reload(); // it was stored, not just drawn
  await expect(row).toBeVisible();

  await row.getByRole("button", { name: `Remove ${name}` }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText("Nothing on the host changes");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(row).toBeVisible();
  await row.getByRole("button", { name: `Remove ${name}` }).click();
  await dialog.getByRole("button", { name: "Remove host" }).click();
  await expect(row).toHaveCount(0);
});

test("a bad URI gets a clear message and nothing is saved", async ({ page }) => {
  const before = await page.getByTestId("host-row").count();
  const form = page.getByRole("form", { name: "Add host" });
  await form.getByLabel("Name").fill("broken");
  for (const [uri, message] of [
    ["http://example.com/", "Unknown libvirt driver 'http'"],
    ["qemu+ssh:///system", "qemu+ssh needs a host"],
    ["qemu:///sytem", "A qemu URI ends in /system"],
  ] as const) {
    await form.getByLabel("libvirt URI").fill(uri);
    await form.getByRole("button", { name: "Add host" }).click();
    await expect(form.getByRole("alert")).toContainText(message);
  }
  await page.reload();
  await expect(page.getByTestId("host-row")).toHaveCount(before);
});

test("a duplicate name is refused", async ({ page }) => {
  const name = `dup-${Date.now().toString(36)}`;
  const form = page.getByRole("form", { name: "Add host" });
  for (let i = 0; i < 2; i++) {
    await form.getByLabel("Name").fill(name);
    await form.getByLabel("libvirt URI").fill("test:///default");
    await form.getByRole("button", { name: "Add host" }).click();
  }
  await expect(form.getByRole("alert")).toContainText(`A host named '${name}' already exists`);
  await expect(page.getByTestId("host-row").filter({ hasText: name })).toHaveCount(1);
  const row = page.getByTestId("host-row").filter({ hasText: name });
  await row.getByRole("button", { name: `Remove ${name}` }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Remove host" }).click();
  await expect(row).toHaveCount(0);
});
