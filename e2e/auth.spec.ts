import { expect, test } from "@playwright/test";
import { signIn } from "./support/sign-in";

test("signs in, shows the user in the header, and signs out", async ({ page, context }) => {
  await signIn(page);
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  const cookie = (await context.cookies()).find((c) => c.name === "virtdeck_session");
  expect(cookie?.httpOnly).toBe(true);
  expect(cookie?.sameSite).toBe("Lax");
  expect(cookie?.secure).toBe(false); // plain HTTP here; Secure is set behind HTTPS

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login$/);
  // The old session is revoked on the server, not just forgotten by the browser.
  await context.addCookies([{ ...cookie!, expires: -1 }]);
  await page.goto("/hosts");
  await expect(page).toHaveURL(/\/login$/);
});

test("a wrong password is refused with a clear message", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Username").fill("admin");
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator("form").getByRole("alert")).toHaveText("Wrong username or password");
  await expect(page).toHaveURL(/\/login$/);
});

test("the theme toggle switches to dark and back", async ({ page }) => {
  await signIn(page);
  const html = page.locator("html");
  const startsDark = await html.evaluate((el) => el.classList.contains("dark"));
  await page.getByRole("button", { name: /Switch to (dark|light) theme/ }).click();
  await expect(html).toHaveClass(startsDark ? /^(?!.*dark)/ : /dark/);
  await page.reload();
  await expect(html).toHaveClass(startsDark ? /^(?!.*dark)/ : /dark/);
});
