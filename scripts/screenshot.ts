// Takes the README's screenshots from a running Virtdeck: `npx tsx scripts/screenshot.ts URL PASSWORD`.
import { chromium } from "@playwright/test";
import { chromiumLaunchOptions } from "../e2e/support/chromium";

const [baseUrl = "http://127.0.0.1:3000", password = ""] = process.argv.slice(2);

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
    await page.goto(`${baseUrl}/hosts`);
    await page.getByRole("heading", { name: "Hosts", exact: true }).waitFor();
    await page.screenshot({ path: `docs/screenshot-hosts-${theme}.png` });
    await page.close();
  }
} finally {
  await browser.close();
}
