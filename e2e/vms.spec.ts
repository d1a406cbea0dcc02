// The VM list and detail against the lab's real libvirtd, with virsh as the oracle and as the
// "someone else" who changes VMs outside Virtdeck.
import { expect, test } from "@playwright/test";
import { labEnv } from "../tests/integration/support/lab-env";
import { defineXml, guestXml, removeDomain, virsh } from "../tests/integration/support/virsh";
import { addLabHost, removeHost } from "./support/lab-host";
import { signIn } from "./support/sign-in";
import { openVmTab } from "./support/vm-pages";

const lab = labEnv();
const suffix = Date.now().toString(36);
const hostName = `lab-vms-${suffix}`;
const guest = `e2e-vm-${suffix}`;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  await defineXml(lab.LAB_URI, await guestXml(lab, guest));
});

test.afterAll(async ({ browser }) => {
  await removeDomain(lab.LAB_URI, guest);
  const page = await browser.newPage();
  await signIn(page);
  await removeHost(page, hostName);
  await page.close();
});

test("lists the lab host's VMs as virsh sees them, then follows starts and stops live", async ({
  page,
}) => {
  await signIn(page);
  await addLabHost(page, hostName);
  await page.goto("/vms");
  const row = page
    .getByTestId("vm-row")
    .filter({ has: page.getByRole("link", { name: guest, exact: true }) });
  await expect(row).toBeVisible({ timeout: 15_000 });
  await expect(row.getByTestId("vm-state")).toHaveText("shut off");

  // Every VM virsh lists on the host is in the list, in virsh's words for its state.
  for (const line of (await virsh(lab.LAB_URI, "list", "--all")).split("\n")) {
    const [, name, ...state] = line.trim().split(/\s+/);
    const vmRow = page.locator(`[data-testid="vm-row"][data-vm-name="${name}"]`);
    await expect(vmRow.getByTestId("vm-state")).toHaveText(state.join(" "));
  }

  await row.getByRole("button", { name: `Start ${guest}` }).click();
  await expect(row.getByTestId("vm-state")).toHaveText("running", { timeout: 15_000 });
  expect(await virsh(lab.LAB_URI, "domstate", guest)).toBe("running");

  // Someone stops it outside Virtdeck: the open page follows without a reload.
  await virsh(lab.LAB_URI, "destroy", guest);
  await expect(row.getByTestId("vm-state")).toHaveText("shut off", { timeout: 5_000 });
});

test("bulk action: selected VMs start together", async ({ page }) => {
  await signIn(page);
  await page.goto("/vms");
  const row = page.locator(`[data-testid="vm-row"][data-vm-name="${guest}"]`);
  await expect(row.getByTestId("vm-state")).toHaveText("shut off");
  await row.getByRole("checkbox", { name: `Select ${guest}` }).check();
  await page.getByRole("button", { name: "Start selected" }).click();
  await expect(page.getByRole("status").filter({ hasText: "1 started" })).toBeVisible({
    timeout: 15_000,
  });
  await expect(row.getByTestId("vm-state")).toHaveText("running", { timeout: 15_000 });
  expect(await virsh(lab.LAB_URI, "domstate", guest)).toBe("running");
  await virsh(lab.LAB_URI, "destroy", guest);
  await expect(row.getByTestId("vm-state")).toHaveText("shut off", { timeout: 10_000 });
});

test("search and filters narrow the list; the detail page shows the VM and its XML", async ({
  page,
}) => {
  await signIn(page);
  await page.goto("/vms");
  // "/" focuses the search box once the page is interactive.
  const search = page.getByLabel("Search VMs");
  await expect(async () => {
    await page.keyboard.press("/");
    await expect(search).toBeFocused({ timeout: 500 });
  }).toPass();
  await page.keyboard.type(guest);
  await expect(page.getByTestId("vm-row")).toHaveCount(1);
  await page.getByLabel("Filter by state").selectOption("running");
  await expect(page.getByTestId("vm-row")).toHaveCount(0);
  await page.getByLabel("Filter by state").selectOption("");
  await page.getByRole("link", { name: guest, exact: true }).click();

  await expect(page.getByRole("heading", { name: guest })).toBeVisible();
  const uuid = await virsh(lab.LAB_URI, "domuuid", guest);
  await expect(page.getByText(`UUID ${uuid}`)).toBeVisible();
  await openVmTab(page, "Options");
  await expect(page.getByTestId("vm-xml")).toContainText(`<name>${guest}</name>`);
  const mac = /<mac address='([^']+)'/.exec(await virsh(lab.LAB_URI, "dumpxml", guest))![1]!;
  await openVmTab(page, "Hardware");
  await expect(page.getByTestId("vm-nic")).toContainText(mac);
  // Only the actions valid for "shut off" are enabled.
  await expect(page.getByRole("button", { name: `Start ${guest}` })).toBeEnabled();
  await expect(page.getByRole("button", { name: `Force off ${guest}` })).toBeDisabled();
});

test("force off asks for confirmation; tags and notes are kept", async ({ page }) => {
  await signIn(page);
  await virsh(lab.LAB_URI, "start", guest);
  await page.goto("/vms");
  await page.getByRole("link", { name: guest, exact: true }).click();
  await expect(page.getByRole("heading", { name: guest })).toBeVisible();
  await expect(page.getByTestId("vm-state")).toHaveText("running", { timeout: 10_000 });
  await page.getByRole("button", { name: `Force off ${guest}` }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText("unsaved data is lost");
  await dialog.getByRole("button", { name: "Force off" }).click();
  await expect(page.getByTestId("vm-state")).toHaveText("shut off", { timeout: 10_000 });
  expect(await virsh(lab.LAB_URI, "domstate", guest)).toBe("shut off");

  // Tags and notes are Virtdeck's own and are kept.
  const form = page.getByRole("form", { name: "Tags and notes" });
  await form.getByLabel("Tags (comma separated)").fill("e2e, web");
  await form.getByLabel("Notes").fill("owned by the e2e suite");
  await form.getByRole("button", { name: "Save" }).click();
  await expect(form.getByRole("status")).toHaveText("Saved");
  await page.reload();
  await expect(form.getByLabel("Tags (comma separated)")).toHaveValue("e2e, web");
});

test("a VM undefined outside Virtdeck is marked gone, keeps its notes, and can be forgotten", async ({
  page,
}) => {
  await signIn(page);
  await page.goto("/vms");
  const row = page.locator(`[data-testid="vm-row"][data-vm-name="${guest}"]`);
  await expect(row.getByTestId("vm-state")).toHaveText("shut off");
  await virsh(lab.LAB_URI, "undefine", guest);
  await expect(row.getByTestId("vm-state")).toHaveText("gone", { timeout: 10_000 });
  await row.getByRole("link", { name: guest, exact: true }).click();
  await expect(
    page.getByText(`This VM is no longer on ${hostName}: it was removed outside Virtdeck.`),
  ).toBeVisible();
  await expect(page.getByRole("form", { name: "Tags and notes" }).getByLabel("Notes")).toHaveValue(
    "owned by the e2e suite",
  );
  await page.getByRole("button", { name: `Forget ${guest}` }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Forget" }).click();
  await expect(page).toHaveURL(/\/vms$/);
  await expect(page.locator(`[data-testid="vm-row"][data-vm-name="${guest}"]`)).toHaveCount(0);
});

test("several gone VMs are forgotten at once; a shut-down asks first and says requested", async ({
  page,
}) => {
  const others = [`${guest}-g1`, `${guest}-g2`];
  for (const name of others) await defineXml(lab.LAB_URI, await guestXml(lab, name));
  try {
    await signIn(page);
    await page.goto("/vms");
    const rowOf = (name: string) => page.locator(`[data-testid="vm-row"][data-vm-name="${name}"]`);
    for (const name of others) await expect(rowOf(name)).toBeVisible({ timeout: 15_000 });

    // Shut down is the guest's to carry out: the button says so until the VM is off.
    await virsh(lab.LAB_URI, "start", others[0]!);
    await expect(rowOf(others[0]!).getByTestId("vm-state")).toHaveText("running", {
      timeout: 15_000,
    });
    await rowOf(others[0]!)
      .getByRole("button", { name: `Shut down ${others[0]}` })
      .click();
    await expect(page.getByTestId("vm-action-outcome")).toHaveText(
      "Shut down requested: the guest is shutting down",
    );
    await virsh(lab.LAB_URI, "destroy", others[0]!);

    for (const name of others) await virsh(lab.LAB_URI, "undefine", name);
    for (const name of others)
      await expect(rowOf(name).getByTestId("vm-state")).toHaveText("gone", { timeout: 10_000 });
    for (const name of others) await page.getByLabel(`Select ${name}`).check();
    await page.getByRole("button", { name: "Forget 2 gone" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Forget" }).click();
    await expect(page.getByTestId("vm-bulk-outcome")).toHaveText("2 forgotten");
    for (const name of others) await expect(rowOf(name)).toHaveCount(0);
    // Forgetting is recorded for each VM, as a single forget is.
    const audit = await page.request.get("/api/v1/audit?action=vm.forget&limit=20");
    const { rows } = (await audit.json()) as { rows: { target: string; outcome: string }[] };
    for (const name of others)
      expect(rows.some((r) => r.target.startsWith(name) && r.outcome === "ok")).toBe(true);
  } finally {
    for (const name of others) await removeDomain(lab.LAB_URI, name);
  }
});
