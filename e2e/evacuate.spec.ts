// Maintenance and evacuation from the browser: three running tiny guests on host 2, each with a
// qcow2 data disk; "Evacuate…" on host 2's page live-migrates all three to host 1 (their disks
// copied into a pool of the same name), two at a time, as one task with a task per VM shown in
// the dialog, and puts host 2 in maintenance (its badge appears live). Then, out of maintenance
// again, the three are selected in the VM list and migrated back together. virsh on both hosts
// is the oracle. Host 2 is the one evacuated: host 1 runs the lab's standing guest, which other
// specs need where it is.
import { randomBytes } from "node:crypto";
import { mkdirSync, rmSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { freshGuestName } from "../tests/integration/lab/tiny-guest";
import { labEnv } from "../tests/integration/support/lab-env";
import { defineXml, guestXml, removeDomain, virsh } from "../tests/integration/support/virsh";
import { SAME_ORIGIN } from "./support/constants";
import { collectTaskFrames } from "./support/live-frames";
import { addMigrationHosts } from "./support/migration-hosts";
import { signIn } from "./support/sign-in";

const lab = labEnv();
const H1 = lab.LAB_URI;
const H2 = lab.LAB_HOST2_URI;
const suffix = randomBytes(3).toString("hex");
const prefix = `e2e-evac-${suffix}`;
const guests = [1, 2, 3].map((i) => freshGuestName(`${prefix}-${i}`));
const hostNames = { h1: `evac1-${suffix}`, h2: `evac2-${suffix}` };
const ids = { h1: "", h2: "" };
const pool = `vd-e2e-evac-${suffix}`;
const dirs = { h1: `/var/tmp/${pool}-1`, h2: `/var/tmp/${pool}-2` };

test.describe.configure({ mode: "serial" });

async function definePool(uri: string, dir: string) {
  mkdirSync(dir, { recursive: true });
  await virsh(uri, "pool-define-as", pool, "dir", "--target", dir);
  await virsh(uri, "pool-start", pool);
}

async function removePool(uri: string, dir: string) {
  const out = await virsh(uri, "vol-list", pool).catch(() => "");
  for (const line of out.split("\n").slice(2)) {
    const vol = line.trim().split(/\s+/)[0];
    if (vol) await virsh(uri, "vol-delete", "--pool", pool, vol).catch(() => undefined);
  }
  await virsh(uri, "pool-destroy", pool).catch(() => undefined);
  await virsh(uri, "pool-undefine", pool).catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
}

/** Which of the three guests run on a host, by virsh. */
async function runningOn(uri: string): Promise<string[]> {
  const names = (await virsh(uri, "list", "--name")).split("\n");
  return guests.filter((g) => names.includes(g));
}

test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000);
  // An evacuation moves every running VM of the host: host 2 must run none but these.
  const foreign = (await virsh(H2, "list", "--name")).trim();
  if (foreign) throw new Error(`host 2 already runs ${foreign}: an evacuation would move it too`);
  await definePool(H1, dirs.h1);
  await definePool(H2, dirs.h2);
  for (const guest of guests) {
    const disk = `${guest}-data.qcow2`;
    await virsh(H2, "vol-create-as", pool, disk, "8M", "--format", "qcow2");
    const xml = (await guestXml(lab, guest)).replace(
      "</devices>",
      `<disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='${dirs.h2}/${disk}'/><target dev='vdb' bus='virtio'/></disk></devices>`,
    );
    await defineXml(H2, xml);
    await virsh(H2, "start", guest);
  }
  const page = await browser.newPage();
  await signIn(page);
  const api = page.request;
  Object.assign(ids, await addMigrationHosts(api, hostNames));
  await expect
    .poll(
      async () => {
        const r = await api.get(`/api/v1/vms?q=${prefix}`);
        const vms = ((await r.json()) as { vms: { hostId: string; state: string }[] }).vms;
        return vms.filter((v) => v.hostId === ids.h2 && v.state === "running").length;
      },
      { timeout: 30_000 },
    )
    .toBe(3);
  await page.close();
});

test.afterAll(async ({ browser }) => {
  for (const guest of guests) {
    await removeDomain(H1, guest);
    await removeDomain(H2, guest);
  }
  await removePool(H1, dirs.h1);
  await removePool(H2, dirs.h2);
  const page = await browser.newPage();
  await signIn(page);
  for (const id of [ids.h1, ids.h2])
    if (id) await page.request.delete(`/api/v1/hosts/${id}`, { headers: SAME_ORIGIN });
  await page.close();
});

test("Evacuate on host 2's page moves its three guests to host 1, two at a time, and puts it in maintenance", async ({
  page,
}) => {
  test.setTimeout(240_000);
  const frames = collectTaskFrames(page);
  await signIn(page);
  await page.goto(`/hosts/${ids.h2}`);
  await expect(page.getByTestId("maintenance-state")).toContainText("Available");
  await page.getByRole("button", { name: "Evacuate…" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText("3 running VMs");
  await dialog.getByLabel("Target host").selectOption({ label: `${hostNames.h1} (online)` });
  await dialog.getByLabel("Copy all disks to the target").check();
  await dialog.getByLabel("Target pool").fill(pool);
  await dialog.getByLabel("Migrations at a time").fill("2");
  await page.screenshot({ path: "test-results/evacuate-dialog.png" });
  await dialog.getByRole("button", { name: "Evacuate", exact: true }).click();
  const progress = dialog.getByTestId("migrate-many-progress");
  await expect(progress).toBeVisible();
  // A task per VM appears under the parent, live.
  await expect(progress.getByTestId("task-row")).toHaveCount(3, { timeout: 60_000 });
  await expect(page.getByTestId("migrate-many-outcome")).toHaveText(
    `Evacuate ${hostNames.h2}: done`,
    { timeout: 180_000 },
  );
  await expect(progress.locator('[data-task-state="succeeded"]')).toHaveCount(3);
  await page.screenshot({ path: "test-results/evacuate-done.png" });
  await dialog.getByRole("button", { name: "Close" }).click();
  // The host went into maintenance first; the page shows it without a reload.
  await expect(page.getByTestId("host-maintenance")).toBeVisible();
  await expect(page.getByTestId("maintenance-state")).toContainText("In maintenance");
  expect(await runningOn(H1)).toEqual(guests);
  expect(await runningOn(H2)).toEqual([]);
  for (const guest of guests)
    expect(await virsh(H1, "domblklist", guest)).toContain(`${dirs.h1}/${guest}-data.qcow2`);
  // The parent's bar moved VM by VM; each child's from its job.
  const parent = frames.filter((f) => f.kind === "host.evacuate" && f.state === "running");
  expect(new Set(parent.map((f) => f.done)).size).toBeGreaterThan(1);
  expect(frames.some((f) => f.kind === "vm.migrate" && (f.done ?? 0) > 0)).toBe(true);
});

test("out of maintenance, the three are selected in the VM list and migrated back together", async ({
  page,
}) => {
  test.setTimeout(240_000);
  await signIn(page);
  await page.goto(`/hosts/${ids.h2}`);
  await page.getByRole("button", { name: "Leave maintenance" }).click();
  await expect(page.getByTestId("host-maintenance")).toHaveCount(0);
  await page.goto("/vms");
  await page.getByLabel("Search VMs").fill(prefix);
  await expect(page.getByTestId("vm-count")).toContainText("3 of");
  for (const guest of guests) await page.getByLabel(`Select ${guest}`).check();
  await page.getByRole("button", { name: "Migrate selected…" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Target host").selectOption({ label: `${hostNames.h2} (online)` });
  await dialog.getByLabel("Target pool").fill(pool);
  await dialog.getByLabel("Migrations at a time").fill("3");
  await dialog.getByRole("button", { name: "Migrate", exact: true }).click();
  await expect(page.getByTestId("migrate-many-outcome")).toHaveText("Migrate 3 VMs: done", {
    timeout: 180_000,
  });
  await dialog.getByRole("button", { name: "Close" }).click();
  expect(await runningOn(H2)).toEqual(guests);
  expect(await runningOn(H1)).toEqual([]);
  // One row per guest, now on host 2.
  await expect(page.getByRole("row").filter({ hasText: prefix })).toHaveCount(3);
  for (const guest of guests)
    await expect(page.getByRole("row").filter({ hasText: guest })).toContainText(hostNames.h2);
});
