import { expect, test } from "@playwright/test";
import { E2E_PORT } from "./support/constants";
import { spawnServer } from "./support/spawn-server";

test("first start prints a one-time admin password that must be changed at first sign-in", async ({
  page,
}) => {
  const server = await spawnServer(E2E_PORT + 1);
  try {
    const printed = /One-time password: (\S+)/.exec(server.output());
    expect(printed, server.output()).not.toBeNull();
    const oneTime = printed![1]!;

    await page.goto(`${server.baseUrl}/login`);
    await page.getByLabel("Username").fill("admin");
    await page.getByLabel("Password").fill(oneTime);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/account\/password$/);
    // Nothing else is reachable until the password is changed.
    await page.goto(`${server.baseUrl}/hosts`);
    await expect(page).toHaveURL(/\/account\/password$/);
    // No app shell to lead elsewhere, but a way out.
    await expect(page.getByRole("navigation", { name: "Main" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();

    await page.getByLabel("Current password").fill(oneTime);
    await page.getByLabel("New password", { exact: true }).fill("short");
    await page.getByLabel("Repeat the new password").fill("short");
    await page.getByRole("button", { name: "Set new password" }).click();
    await expect(page.getByText("Password: at least 12 characters")).toBeVisible();

    await page.getByLabel("New password", { exact: true }).fill("a-much-better-password");
    await page.getByLabel("Repeat the new password").fill("a-much-better-password");
    await page.getByRole("button", { name: "Set new password" }).click();
    await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();

    // The one-time password is gone; the new one works.
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByLabel("Username").fill("admin");
    await page.getByLabel("Password").fill(oneTime);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.locator("form").getByRole("alert")).toHaveText("Wrong username or password");
    await page.getByLabel("Password").fill("a-much-better-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByTestId("signed-in-user")).toContainText("admin");
  } finally {
    expect(await server.stop()).toBe(0); // SIGTERM shuts down cleanly
  }
  expect(server.output()).toContain("SIGTERM: shutting down");
});

test("VIRTDECK_ADMIN_PASSWORD at first start sets the admin password with no forced change", async ({
  page,
}) => {
  const server = await spawnServer(E2E_PORT + 2, {
    VIRTDECK_ADMIN_PASSWORD: "unattended-install-pw",
  });
  try {
    expect(server.output()).not.toContain("One-time password");
    expect(server.output()).not.toContain("unattended-install-pw"); // never logged
    await page.goto(`${server.baseUrl}/login`);
    await page.getByLabel("Username").fill("admin");
    await page.getByLabel("Password").fill("unattended-install-pw");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  } finally {
    await server.stop();
  }
});
