// Storage against the lab's real libvirtd, with virsh as the oracle: a directory pool made on the
// Storage page (under a fresh temp dir, random name, removed afterwards), a 50 MB upload whose
// progress bar reaches 100 %, and hostile names and sizes refused with nothing created.
import { closeSync, ftruncateSync, mkdtempSync, openSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { expect, type Page, test } from "@playwright/test";
import { labEnv } from "../tests/integration/support/lab-env";
import { virsh } from "../tests/integration/support/virsh";
import { SAME_ORIGIN } from "./support/constants";
import { waitForLive } from "./support/hosts";
import { addLabHost, removeHost } from "./support/lab-host";
import { collectTaskFrames } from "./support/live-frames";
import { signIn } from "./support/sign-in";

const lab = labEnv();
const suffix = Date.now().toString(36);
const hostName = `lab-storage-${suffix}`;
const pool = `e2e-pool-${suffix}`;
const poolDir = mkdtempSync(path.join("/var/tmp", "virtdeck-e2e-pool-"));
const fileDir = mkdtempSync(path.join("/var/tmp", "virtdeck-e2e-file-"));
const upload = path.join(fileDir, "e2e-disk.img");
const SIZE = 50 * 1024 * 1024;

test.describe.configure({ mode: "serial" });

test.afterAll(async ({ browser }) => {
  for (const v of await volNames().catch(() => []))
    await virsh(lab.LAB_URI, "vol-delete", "--pool", pool, v).catch(() => undefined);
  await virsh(lab.LAB_URI, "pool-destroy", pool).catch(() => undefined);
  await virsh(lab.LAB_URI, "pool-undefine", pool).catch(() => undefined);
  rmSync(poolDir, { recursive: true, force: true });
  rmSync(fileDir, { recursive: true, force: true });
  const page = await browser.newPage();
  await signIn(page);
  await removeHost(page, hostName);
  await page.close();
});

async function volNames(): Promise<string[]> {
  const out = await virsh(lab.LAB_URI, "vol-list", pool);
  return out
    .split("\n")
    .map((l) => l.trim().split(/\s+/)[0]!)
    .filter(Boolean)
    .sort();
}

async function openPool(page: Page): Promise<string> {
  await page.goto("/storage");
  await page
    .locator(`[data-testid="pool-row"][data-pool-name="${pool}"]`)
    .getByRole("link", { name: pool })
    .click();
  await expect(page.getByRole("heading", { name: `${pool} on ${hostName}` })).toBeVisible();
  return page.url().split("/storage/")[1]!.split("/")[0]!;
}

test("creates a directory pool and uploads a 50 MB image with a progress bar to 100 %", async ({
  page,
}) => {
  writeFileSync(upload, Buffer.alloc(SIZE, 7));
  await signIn(page);
  await addLabHost(page, hostName);
  await page.goto("/storage");
  const section = page.locator("section").filter({ hasText: hostName });
  await section.getByRole("button", { name: "Create pool" }).click();
  const form = page.getByRole("form", { name: "Create pool" });
  await form.getByLabel("Name", { exact: true }).fill(pool);
  await form.getByLabel("Directory", { exact: true }).fill(poolDir);
  await form.getByRole("button", { name: "Create pool" }).click();
  const row = page.locator(`[data-testid="pool-row"][data-pool-name="${pool}"]`);
  await expect(row.getByTestId("pool-active")).toHaveText("yes", { timeout: 15_000 });
  expect(await virsh(lab.LAB_URI, "pool-info", pool)).toMatch(/State:\s+running/);

  await openPool(page);
  await page.getByTestId("upload-file").setInputFiles(upload);
  await page.getByRole("button", { name: "Upload", exact: true }).click();
  await expect(page.getByTestId("upload-bar")).toBeVisible();
  await expect(page.getByTestId("upload-done")).toHaveText("Uploaded e2e-disk.img", {
    timeout: 60_000,
  });
  await expect(page.getByTestId("upload-bar")).toHaveAttribute("aria-valuenow", "100");
  await expect(page.getByTestId("upload-percent")).toContainText("100 %");
  expect(await volNames()).toContain("e2e-disk.img");
  expect(await virsh(lab.LAB_URI, "vol-info", "--bytes", "--pool", pool, "e2e-disk.img")).toMatch(
    new RegExp(`Capacity:\\s+${SIZE} bytes`),
  );
  const volRow = page.locator('[data-testid="volume-row"][data-volume-name="e2e-disk.img"]');
  await expect(volRow.getByTestId("volume-capacity")).toHaveText("50 MiB");
});

test("cancelling an upload aborts it and leaves no volume behind", async ({ page }) => {
  const big = path.join(fileDir, "e2e-cancel.img");
  const fd = openSync(big, "w");
  ftruncateSync(fd, 2 * 1024 ** 3); // sparse: 2 GiB to send, nothing written to disk
  closeSync(fd);
  await signIn(page);
  await openPool(page);
  await page.getByTestId("upload-file").setInputFiles(big);
  await page.getByRole("button", { name: "Upload", exact: true }).click();
  await expect(page.getByTestId("upload-percent")).not.toContainText(/^0 %/, { timeout: 30_000 });
  await page.getByRole("button", { name: "Cancel upload" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Upload cancelled" })).toBeVisible();
  await expect(async () => {
    expect(await volNames()).not.toContain("e2e-cancel.img");
  }).toPass({ timeout: 30_000 });
  rmSync(big, { force: true });
});

test("refuses hostile names and sizes with clear messages and creates nothing", async ({
  page,
}) => {
  await signIn(page);
  const hostId = await openPool(page);
  const before = await volNames();
  const form = page.getByRole("form", { name: "Create volume" });
  const cases: [string, string, RegExp][] = [
    ["../escape", "1G", /may not contain \//],
    [".hidden", "1G", /may not start with a dot/],
    ["<disk>&amp;", "1G", /letters, digits and/],
    ["ok-name", "-5G", /must be positive/],
    ["ok-name", "12 parsecs", /positive size with a unit/],
    ["ok-name", "999999999T", /positive size with a unit|too large/],
    ["ok-name", "500T", /free in/],
  ];
  for (const [name, size, message] of cases) {
    await form.getByLabel("Name", { exact: true }).fill(name);
    await form.getByLabel("Size", { exact: true }).fill(size);
    await form.getByRole("button", { name: "Create volume" }).click();
    await expect(form.getByRole("alert").filter({ hasText: message })).toBeVisible({
      timeout: 10_000,
    });
  }
  const base = `/api/v1/hosts/${hostId}/pools/${pool}`;
  const bad = await page.request.put(`${base}/upload?name=${encodeURIComponent("../../etc/x")}`, {
    headers: SAME_ORIGIN,
    data: Buffer.alloc(10),
  });
  expect(bad.status()).toBe(400);
  expect((await bad.json()).error).toMatch(/may not contain \//);
  const tooBig = await page.request.post(`${base}/volumes`, {
    headers: SAME_ORIGIN,
    data: { name: "huge", capacity: "1000T" },
  });
  expect(tooBig.status()).toBe(400);
  const xmlName = await page.request.post(`/api/v1/hosts/${hostId}/pools`, {
    headers: SAME_ORIGIN,
    data: { type: "dir", name: "x'><pool", path: "/var/tmp/x" },
  });
  expect(xmlName.status()).toBe(400);
  expect(await volNames()).toEqual(before);
  expect(await virsh(lab.LAB_URI, "pool-list", "--all", "--name")).not.toContain("x'");
});

test("clones a volume from its row; the copy's progress reaches the page", async ({ page }) => {
  const frames = collectTaskFrames(page); // what /ws/events tells this tab about the copy's task
  await signIn(page);
  await openPool(page);
  const info = await virsh(lab.LAB_URI, "vol-info", "--bytes", "--pool", pool, "e2e-disk.img");
  const allocation = Number(/Allocation:\s+(\d+) bytes/.exec(info)?.[1]);
  const volRow = page.locator('[data-testid="volume-row"][data-volume-name="e2e-disk.img"]');
  await volRow.getByRole("button", { name: "Clone" }).click();
  await volRow.getByLabel("Name of the copy").fill("e2e-disk-copy.img");
  await volRow.getByRole("button", { name: "Clone" }).click();
  await expect(page.getByTestId("volume-outcome")).toHaveText("Clone: done", { timeout: 30_000 });
  expect(
    await virsh(lab.LAB_URI, "vol-info", "--bytes", "--pool", pool, "e2e-disk-copy.img"),
  ).toMatch(new RegExp(`Capacity:\\s+${SIZE} bytes`));
  const copy = () => frames.filter((f) => f.kind === "volume.clone");
  await expect
    .poll(() => copy().at(-1))
    .toMatchObject({ state: "succeeded", done: allocation, total: allocation });
  expect(copy().find((f) => f.total !== null)).toMatchObject({
    phase: `${pool}/e2e-disk.img → e2e-disk-copy.img`,
    done: 0,
    total: allocation,
  });
  await virsh(lab.LAB_URI, "vol-delete", "--pool", pool, "e2e-disk-copy.img");
});

test("deletes a volume and the pool after confirming", async ({ page }) => {
  await signIn(page);
  await openPool(page);
  const volRow = page.locator('[data-testid="volume-row"][data-volume-name="e2e-disk.img"]');
  await volRow.getByRole("button", { name: "Delete" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Delete volume" }).click();
  await expect(volRow).toHaveCount(0, { timeout: 15_000 });
  expect(await volNames()).toEqual([]);
  await page.getByRole("button", { name: "Delete pool" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Delete pool" }).click();
  await expect(page).toHaveURL(/\/storage$/, { timeout: 15_000 });
  expect(await virsh(lab.LAB_URI, "pool-list", "--all", "--name")).not.toContain(pool);
});

test("a pool defined and removed with virsh appears and disappears without a reload", async ({
  page,
}) => {
  const outside = `e2e-virsh-pool-${suffix}`;
  const dir = mkdtempSync(path.join("/var/tmp", "virtdeck-e2e-virsh-pool-"));
  try {
    await signIn(page);
    await page.goto("/storage");
    await waitForLive(page); // the page listens for the host's pool events
    const row = page.locator(`[data-testid="pool-row"][data-pool-name="${outside}"]`);
    await virsh(lab.LAB_URI, "pool-define-as", outside, "dir", "--target", dir);
    await expect(row).toBeVisible({ timeout: 5_000 });
    await virsh(lab.LAB_URI, "pool-undefine", outside);
    await expect(row).toHaveCount(0, { timeout: 5_000 });
  } finally {
    await virsh(lab.LAB_URI, "pool-undefine", outside).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
});
