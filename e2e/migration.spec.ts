// Live migration from the browser between the lab's host 1 and host 2 (Virtdeck reaches host 2
// over SSH): the running tiny guest with a qcow2 data disk copied to a pool on host 2, with a
// moving progress bar; virsh on both hosts agrees where it runs; the guest kept its memory (a
// token written to its RAM-backed /tmp before is read back on its serial console after); one
// row in the list. Then back to host 1 (driven through Virtdeck's two connections), a
// bandwidth-limited migration cancelled from its task page, a pre-flight refusal, and the guest
// shut off and migrated offline with its disk copied through the volume streams.
import { createHash, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { expect, type Page, test } from "@playwright/test";
import { freshGuestName } from "../tests/integration/lab/tiny-guest";
import { labEnv } from "../tests/integration/support/lab-env";
import { defineXml, guestXml, removeDomain, virsh } from "../tests/integration/support/virsh";
import { createLabPool, type LabPool } from "../tests/integration/vms/lab-pool";
import { SAME_ORIGIN } from "./support/constants";
import { collectTaskFrames } from "./support/live-frames";
import { addMigrationHosts } from "./support/migration-hosts";
import { signIn } from "./support/sign-in";
import { onSerial } from "./support/vm-pages";

const lab = labEnv();
const H1 = lab.LAB_URI;
const H2 = lab.LAB_HOST2_URI;
const guest = freshGuestName("e2e-mig");
const suffix = randomBytes(3).toString("hex");
const names = { h1: `mig1-${suffix}`, h2: `mig2-${suffix}` };
const ids = { h1: "", h2: "", vm: "" };
let pool1: LabPool;
let pool2: LabPool;
const disk = `${guest}-data.qcow2`;

test.describe.configure({ mode: "serial" });

async function where(): Promise<string[]> {
  const on = async (uri: string, host: string) =>
    (await virsh(uri, "list", "--all", "--name")).split("\n").includes(guest) ? [host] : [];
  return [...(await on(H1, "host 1")), ...(await on(H2, "host 2"))];
}

const sha256 = (file: string) => createHash("sha256").update(readFileSync(file)).digest("hex");

async function migrateFromPage(page: Page, target: string, pool: string, confirm = "Migrate live") {
  await page.goto(`/vms/${ids.vm}`);
  await page.getByRole("button", { name: "Migrate", exact: true }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Target host").selectOption({ label: `${target} (online)` });
  await dialog.getByLabel("Copy all disks to the target").check();
  await dialog.getByLabel("Target pool").selectOption(pool);
  const checks = dialog.getByTestId("preflight-check");
  await expect(checks.first()).toBeVisible({ timeout: 15_000 });
  await expect(dialog.locator('[data-testid="preflight-check"][data-ok="false"]')).toHaveCount(0, {
    timeout: 15_000,
  });
  await dialog.getByRole("button", { name: confirm, exact: true }).click();
  await expect(dialog.getByTestId("migration-progress")).toBeVisible();
  await expect(page.getByTestId("migrate-outcome")).toHaveText("Migration: done", {
    timeout: 90_000,
  });
  await dialog.getByRole("button", { name: "Close" }).click();
}

test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  pool1 = await createLabPool(H1, "vd-e2e-mig1");
  pool2 = await createLabPool(H2, "vd-e2e-mig2");
  await virsh(H1, "vol-create-as", pool1.name, disk, "16M", "--format", "qcow2");
  const xml = (await guestXml(lab, guest)).replace(
    "</devices>",
    `<disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='${pool1.dir}/${disk}'/><target dev='vdb' bus='virtio'/></disk></devices>`,
  );
  await defineXml(H1, xml);
  await virsh(H1, "start", guest);
  const page = await browser.newPage();
  await signIn(page);
  const api = page.request;
  Object.assign(ids, await addMigrationHosts(api, names));
  await expect
    .poll(
      async () => {
        const r = await api.get(`/api/v1/vms?q=${guest}`);
        const vms = ((await r.json()) as { vms: { id: string; hostId: string }[] }).vms;
        ids.vm = vms.find((v) => v.hostId === ids.h1)?.id ?? "";
        return ids.vm;
      },
      { timeout: 20_000 },
    )
    .not.toBe("");
  await page.close();
});

test.afterAll(async ({ browser }) => {
  await removeDomain(H1, guest);
  await removeDomain(H2, guest);
  await pool1?.remove();
  await pool2?.remove();
  const page = await browser.newPage();
  await signIn(page);
  for (const id of [ids.h1, ids.h2])
    if (id) await page.request.delete(`/api/v1/hosts/${id}`, { headers: SAME_ORIGIN });
  await page.close();
});

test("migrates the running guest to host 2 with its disk copied; the bar moves; memory and one row survive", async ({
  page,
}) => {
  test.setTimeout(180_000);
  const frames = collectTaskFrames(page);
  await signIn(page);
  const token = `mem-${randomBytes(3).toString("hex")}`;
  await page.goto(`/vms/${ids.vm}/console/serial`);
  await onSerial(page, `echo ${token} > /tmp/mark; cat /tmp/mark`, token);

  await migrateFromPage(page, names.h2, pool2.name);
  const moving = frames.filter(
    (f) => f.kind === "vm.migrate" && f.state === "running" && (f.done ?? 0) > 0,
  );
  expect(moving.length, "progress frames while the job ran").toBeGreaterThan(0);
  expect(await where()).toEqual(["host 2"]);
  expect(await virsh(H2, "domstate", guest)).toBe("running");
  expect(await virsh(H2, "domblklist", guest)).toContain(`${pool2.dir}/${disk}`);

  await page.goto(`/vms?q=${guest}`);
  await expect(page.locator(`[data-testid="vm-row"][data-vm-name="${guest}"]`)).toHaveCount(1);
  await expect(page.locator(`[data-testid="vm-row"][data-vm-name="${guest}"]`)).toContainText(
    names.h2,
  );
  // The same page (same id) now talks to host 2, and the guest still has what it held in RAM.
  await page.goto(`/vms/${ids.vm}/console/serial`);
  await onSerial(page, "cat /tmp/mark", token);
  // The task is in the VM's history.
  await page.goto(`/vms/${ids.vm}/history`);
  await expect(page.getByRole("table", { name: "Tasks of this VM" })).toContainText(
    `Migrate ${guest} to ${names.h2}`,
  );
});

test("migrates it back to host 1 through Virtdeck's own connections", async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page);
  await migrateFromPage(page, names.h1, pool1.name);
  expect(await where()).toEqual(["host 1"]);
  expect(await virsh(H1, "domstate", guest)).toBe("running");
});

test("a migration slowed to 1 MiB/s and cancelled from its task page leaves the VM running on host 1", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signIn(page);
  const r = await page.request.post(`/api/v1/vms/${ids.vm}/migrate`, {
    headers: SAME_ORIGIN,
    data: { target: ids.h2, storage: "copy", pool: pool2.name, bandwidthMib: 1 },
  });
  expect(r.status(), await r.text()).toBe(202);
  const { task } = (await r.json()) as { task: { id: string } };
  expect(r.headers().location).toBe(`/api/v1/tasks/${task.id}`);
  await page.goto(`/tasks/${task.id}`);
  const main = page.getByRole("main");
  await expect(main.getByTestId("task-percent")).toContainText(" % · ", { timeout: 30_000 });
  await page.getByRole("button", { name: "Cancel task" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Cancel task" }).click();
  await expect(main.getByTestId("task-state")).toHaveText("cancelled", { timeout: 30_000 });
  await expect(main.getByTestId("task-log")).toContainText("Aborting the migration job");
  expect(await where()).toEqual(["host 1"]);
  expect(await virsh(H1, "domstate", guest)).toBe("running");
  expect(await virsh(H2, "vol-list", pool2.name)).not.toContain(disk);
});

test("a pre-flight refusal (a network missing on the target) says why and changes nothing", async ({
  page,
}) => {
  await signIn(page);
  const r = await page.request.post(`/api/v1/vms/${ids.vm}/migrate`, {
    headers: SAME_ORIGIN,
    data: {
      target: ids.h2,
      storage: "copy",
      pool: pool2.name,
      networks: { [lab.LAB_NETWORK]: "no-such-net" },
    },
  });
  expect(r.status()).toBe(409);
  expect((await r.json()).error).toContain("Networks: ");
  expect((await r.json()).error).toContain("no-such-net");
  // In the dialog, shared storage is refused before anything starts: the disk is not on host 2.
  await page.goto(`/vms/${ids.vm}`);
  await page.getByRole("button", { name: "Migrate", exact: true }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Target host").selectOption({ label: `${names.h2} (online)` });
  await dialog.getByLabel("Shared storage: the disks are at the same paths on both hosts").check();
  await expect(dialog.locator('[data-testid="preflight-check"][data-ok="false"]')).toContainText(
    "Storage",
    {
      timeout: 15_000,
    },
  );
  await expect(dialog.getByRole("button", { name: "Migrate live" })).toBeDisabled();
  expect(await where()).toEqual(["host 1"]);
});

test("shut off, it migrates offline to host 2 with its disk copied byte for byte", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signIn(page);
  await virsh(H1, "destroy", guest);
  await page.goto(`/vms/${ids.vm}`);
  await expect(page.getByTestId("vm-state").first()).toHaveText("shut off", { timeout: 15_000 });
  const before = sha256(`${pool1.dir}/${disk}`);
  await migrateFromPage(page, names.h2, pool2.name, "Migrate");
  expect(await where()).toEqual(["host 2"]);
  expect(await virsh(H2, "domstate", guest)).toBe("shut off");
  expect(await virsh(H2, "domblklist", guest)).toContain(`${pool2.dir}/${disk}`);
  expect(sha256(`${pool2.dir}/${disk}`)).toBe(before);
  expect(await virsh(H1, "vol-list", pool1.name)).not.toContain(disk);
  await page.goto(`/vms/${ids.vm}/history`);
  await expect(page.getByRole("table", { name: "Tasks of this VM" })).toContainText(
    `Migrate ${guest} to ${names.h2}`,
  );
});
