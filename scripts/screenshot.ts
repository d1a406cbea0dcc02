// Takes the README's screenshots from a running Virtdeck with at least one host:
// `npx tsx scripts/screenshot.ts URL PASSWORD` (inside the lab namespace for the lab's host).
import { chromium } from "@playwright/test";
import { chromiumLaunchOptions } from "../e2e/support/chromium";

const [baseUrl = "http://127.0.0.1:3000", password = ""] = process.argv.slice(2);
const PAGES = [
  ["vms", "/vms", "Virtual machines"],
  ["hosts", "/hosts", "Hosts"],
] as const;

const browser = await chromium.launch(chromiumLaunchOptions);
try {
  for (const theme of ["light", "dark"] as const) {
    const page = await browser.newPage({
      viewport: { width: 1280, height: 720 },
      colorScheme: theme,
    });
    await page.goto(`${baseUrl}/login`);
    await page.getByLabel("Username").fill("admin");
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByTestId("signed-in-user").waitFor();
    for (const [name, path, heading] of PAGES) {
      await page.goto(`${baseUrl}${path}`);
      await page.getByRole("heading", { name: heading, exact: true }).waitFor();
      await page.waitForTimeout(500);
      await page.screenshot({ path: `docs/screenshot-${name}-${theme}.png` });
    }
    await page.close();
  }
} finally {
  await browser.close();
}
