// Hosts from the Hosts page, against the lab's real libvirtd: adding by URI (tested first),
// live status, the host page, and errors that save nothing.
import { expect, test } from "@playwright/test";
import { labEnv } from "../tests/integration/support/lab-env";
import { openConfirm, removeFromHostPage, waitForLive } from "./support/hosts";
import { signIn } from "./support/sign-in";

const lab = labEnv();

test.beforeEach(async ({ page }) => {
  await signIn(page);
  await page.getByRole("link", { name: "Hosts" }).click();
  await expect(page.getByRole("heading", { name: "Hosts", exact: true })).toBeVisible();
  await waitForLive(page);
});

test("adds the lab host by URI, sees it online with its facts, and removes it after confirming", async ({
  page,
}) => {
  const name = `lab-${Date.now().toString(36)}`;
  const form = page.getByRole("form", { name: "Add host" });
  await form.getByLabel("Name").fill(name);
  await form.getByLabel("libvirt URI").fill(lab.LAB_URI);
  await form.getByRole("button", { name: "Test connection" }).click();
  await expect(form.getByTestId("probe-hostname")).toHaveText(lab.LAB_HOST1_NAME);
  await expect(form.getByTestId("probe-result")).toContainText(/libvirt \d+\.\d+\.\d+ · QEMU \d+/);
  await form.getByRole("button", { name: "Add host" }).click();
  const row = page.getByTestId("host-row").filter({ hasText: name });
  await expect(row).toContainText(lab.LAB_URI);
  // Online without a reload: the status arrives over /ws/events.
  await expect(row.getByTestId("host-status")).toHaveText("online", { timeout: 20_000 });

  await row.getByRole("link", { name }).click();
  await expect(page.getByRole("heading", { name })).toBeVisible();
  await expect(page.getByTestId("fact-hostname")).toHaveText(lab.LAB_HOST1_NAME);
  await expect(page.getByTestId("fact-libvirt")).toHaveText(/^\d+\.\d+\.\d+$/);
  await expect(page.getByTestId("fact-kvm-acceleration")).not.toBeEmpty();
  await expect(page.getByText(lab.LAB_NETWORK)).toBeVisible();
  await expect(page.getByTestId("status-history")).toContainText("online");
  await expect(page.getByTestId("vm-counts")).toContainText("running");

  // The overview shows each host's status and its VMs counted by state.
  await page.goto("/");
  const card = page.getByTestId("overview-host").filter({ hasText: "Host details" });
  await expect(page.getByRole("heading", { name })).toBeVisible();
  await expect(card.first()).toContainText("running");

  await page.goto("/hosts");
  await waitForLive(page);
  const dialog = await openConfirm(page, row.getByRole("button", { name: `Remove ${name}` }));
  await expect(dialog).toContainText("Nothing on the host changes");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(row).toBeVisible();
  await row.getByRole("button", { name: `Remove ${name}` }).click();
  await dialog.getByRole("button", { name: "Remove host" }).click();
  await expect(row).toHaveCount(0);
  await page.reload();
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

test("an unreachable host gets a clear message and nothing is saved", async ({ page }) => {
  const before = await page.getByTestId("host-row").count();
  const form = page.getByRole("form", { name: "Add host" });
  await form.getByLabel("Name").fill(`gone-${Date.now().toString(36)}`);
  for (const [uri, message] of [
    ["qemu+tcp://127.0.0.1:1/system", "connection refused at 127.0.0.1:1"],
    [
      `qemu+ssh://root@${lab.LAB_HOST2_ADDR}:2/system`,
      `connection refused at ${lab.LAB_HOST2_ADDR}:2`,
    ],
  ] as const) {
    await form.getByLabel("libvirt URI").fill(uri);
    await form.getByRole("button", { name: "Test connection" }).click();
    await expect(form.getByRole("alert")).toContainText(message);
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
    // The form empties once the first one is saved.
    if (i === 0) await expect(form.getByLabel("Name")).toHaveValue("");
  }
  await expect(form.getByRole("alert")).toContainText(`A host named '${name}' already exists`);
  await expect(page.getByTestId("host-row").filter({ hasText: name })).toHaveCount(1);
  const row = page.getByTestId("host-row").filter({ hasText: name });
  await row.getByRole("button", { name: `Remove ${name}` }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Remove host" }).click();
  await expect(row).toHaveCount(0);
});

test("edits a host from its page: the change is tested and saved", async ({ page }) => {
  const name = `edit-${Date.now().toString(36)}`;
  const form = page.getByRole("form", { name: "Add host" });
  await form.getByLabel("Name").fill(name);
  await form.getByLabel("libvirt URI").fill("test:///default");
  await form.getByRole("button", { name: "Add host" }).click();
  await page.getByTestId("host-row").filter({ hasText: name }).getByRole("link", { name }).click();
  await expect(page.getByTestId("host-status")).toHaveText("online", { timeout: 20_000 });

  const edit = page.getByRole("form", { name: "Edit host" });
  // Retried: a click that lands before hydration does nothing.
  await expect(async () => {
    if ((await edit.count()) === 0)
      await page.getByRole("button", { name: "Edit", exact: true }).click();
    await expect(edit).toBeVisible({ timeout: 1_000 });
  }).toPass();
  await edit.getByLabel("libvirt URI").fill("qemu+tcp://127.0.0.1:1/system");
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(edit.getByRole("alert")).toContainText("connection refused at 127.0.0.1:1");
  await edit.getByLabel("Name").fill(`${name}-b`);
  await edit.getByLabel("libvirt URI").fill(lab.LAB_URI);
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("heading", { name: `${name}-b` })).toBeVisible();
  await expect(page.getByTestId("fact-hostname")).toHaveText(lab.LAB_HOST1_NAME, {
    timeout: 20_000,
  });

  await removeFromHostPage(page);
});
