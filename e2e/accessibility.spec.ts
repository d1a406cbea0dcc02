// Every page through axe-core (WCAG 2 A and AA rules) in Debian's Chromium, light and dark: no
// serious or critical violation anywhere; and the VM list worked from the keyboard alone.
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { labEnv } from "../tests/integration/support/lab-env";
import { defineXml, guestXml, removeDomain, virsh } from "../tests/integration/support/virsh";
import { addLabHost, removeHost } from "./support/lab-host";
import { signIn } from "./support/sign-in";

const lab = labEnv();
const suffix = Date.now().toString(36);
const hostName = `lab-a11y-${suffix}`;
const guest = `e2e-a11y-${suffix}`;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  await defineXml(lab.LAB_URI, await guestXml(lab, guest));
  await virsh(lab.LAB_URI, "start", guest);
});

test.afterAll(async ({ browser }) => {
  await removeDomain(lab.LAB_URI, guest);
  const page = await browser.newPage();
  await signIn(page);
  await removeHost(page, hostName);
  await page.close();
});

/** The serious and critical violations on the page as it is now, one line each. */
async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .flatMap((v) =>
      v.nodes.map(
        (n) =>
          `${new URL(page.url()).pathname}: ${v.id} (${v.impact}) at ${n.target.join(" ")}: ${n.failureSummary?.split("\n")[1]?.trim() ?? ""}`,
      ),
    );
}

/** The app's pages for the lab host and its guest (ids read from the API). */
async function pages(page: Page): Promise<string[]> {
  const { hosts } = (await (await page.request.get("/api/v1/hosts")).json()) as {
    hosts: { id: string; name: string }[];
  };
  const hostId = hosts.find((h) => h.name === hostName)!.id;
  // The host's first sync may still be on its way.
  let vmId = "";
  await expect
    .poll(async () => {
      const { vms } = (await (await page.request.get(`/api/v1/vms?q=${guest}`)).json()) as {
        vms: { id: string }[];
      };
      vmId = vms[0]?.id ?? "";
      return vmId;
    })
    .not.toBe("");
  const vm = `/vms/${vmId}`;
  return [
    "/",
    "/hosts",
    `/hosts/${hostId}`,
    "/vms",
    vm,
    `${vm}/console/serial`,
    `${vm}/hardware`,
    `${vm}/snapshots`,
    `${vm}/options`,
    `${vm}/history`,
    "/vms/new",
    "/networks",
    `/networks/${hostId}/${lab.LAB_NETWORK}`,
    "/networks/new",
    "/storage",
    "/audit",
    "/settings",
    "/settings/users",
    "/settings/groups",
    "/settings/roles",
    "/settings/permissions",
    "/settings/vm-groups",
    "/settings/sessions",
    "/account/security",
    "/account/password",
    "/api-docs",
  ];
}

test("no page has a serious or critical accessibility violation, light or dark", async ({
  browser,
}) => {
  test.setTimeout(300_000);
  const found: string[] = [];
  for (const colorScheme of ["light", "dark"] as const) {
    const context = await browser.newContext({
      colorScheme,
      viewport: { width: 1366, height: 768 },
    });
    const page = await context.newPage();
    await signIn(page);
    if (colorScheme === "light") await addLabHost(page, hostName);
    for (const path of await pages(page)) {
      await page.goto(path);
      // Rendered, and the client's first reads answered (the live stream stays open).
      await page.locator("h1").first().waitFor();
      await page.waitForTimeout(300);
      found.push(...(await violations(page)).map((v) => `${colorScheme} ${v}`));
    }
    await context.close();
  }
  const signedOut = await browser.newContext();
  const login = await signedOut.newPage();
  await login.goto("/login");
  found.push(...(await violations(login)));
  await signedOut.close();
  expect(found).toEqual([]);
});

test("the VM list is used from the keyboard: search, select, open", async ({ page }) => {
  await signIn(page);
  await page.goto("/vms");
  // "/" works once the page has hydrated: pressed until then, it does nothing.
  const search = page.getByLabel("Search VMs");
  await expect(async () => {
    await page.keyboard.press("/");
    await expect(search).toBeFocused({ timeout: 500 });
  }).toPass({ timeout: 10_000 });
  await page.keyboard.type(guest);
  const row = page.locator(`[data-testid="vm-row"][data-vm-name="${guest}"]`);
  await expect(page.getByTestId("vm-row")).toHaveCount(1);
  // Tab moves through the row in reading order: its checkbox, then its name.
  const box = row.getByRole("checkbox", { name: `Select ${guest}` });
  await box.focus();
  await page.keyboard.press("Space");
  await expect(box).toBeChecked();
  await page.keyboard.press("Tab");
  await expect(row.getByRole("link", { name: guest, exact: true })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: guest })).toBeVisible();
  // The VM page's tabs are links in order; Enter opens one.
  const tabs = page.getByRole("navigation", { name: "VM sections" });
  await tabs.getByRole("link", { name: "Hardware" }).focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/hardware$/);
});
