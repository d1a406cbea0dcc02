// VM lifecycle against the lab's real libvirtd, with virsh as the oracle: a VM made in the wizard
// that boots the tiny guest (kernel boot, new qcow2 data disk, NAT NIC); a snapshot whose revert
// undoes a write to the data disk; delete with its volume; hostile input refused, nothing made.
import { randomBytes } from "node:crypto";
import { expect, type Page, test } from "@playwright/test";
import { labEnv } from "../tests/integration/support/lab-env";
import { virsh } from "../tests/integration/support/virsh";
import { createLabPool, type LabPool } from "../tests/integration/vms/lab-pool";
import { SAME_ORIGIN } from "./support/constants";
import { waitForLive } from "./support/hosts";
import { addLabHost, removeHost } from "./support/lab-host";
import { collectTaskFrames } from "./support/live-frames";
import { signIn } from "./support/sign-in";
import { followTask } from "./support/tasks";
import { nextStep, onSerial, openVmTab } from "./support/vm-pages";

const lab = labEnv();
const suffix = randomBytes(3).toString("hex");
const hostName = `lab-vms-${suffix}`;
const vmName = `e2e-vm-${suffix}`;
const cloneName = `e2e-vm-${suffix}-copy`;
let pool: LabPool;
let vmPage = "";

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  pool = await createLabPool(lab.LAB_URI);
});

test.afterAll(async ({ browser }) => {
  for (const name of [cloneName, vmName]) {
    await virsh(lab.LAB_URI, "destroy", name).catch(() => undefined);
    await virsh(lab.LAB_URI, "undefine", name, "--snapshots-metadata", "--nvram").catch(
      () => undefined,
    );
  }
  await pool?.remove();
  const page = await browser.newPage();
  await signIn(page);
  await removeHost(page, hostName);
  await page.close();
});

async function openSerial(page: Page): Promise<void> {
  await page.goto(vmPage);
  await page.getByRole("link", { name: "Open serial console" }).click();
}

test("the wizard creates a VM that boots the tiny guest with a new qcow2 disk and a NAT NIC", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signIn(page);
  await addLabHost(page, hostName);
  await page.goto("/vms");
  await page.getByRole("link", { name: "Create VM" }).click();
  const form = page.getByRole("form", { name: "Create VM" });
  await form.getByLabel("Host").selectOption({ label: hostName });
  await form.getByLabel("Name", { exact: true }).fill(vmName);
  await form.getByLabel("Title (optional)").fill(`a<b>&"c'`);
  await nextStep(page, 2);
  await form.getByLabel("Direct kernel boot").check();
  await form.getByLabel("Kernel path").fill(lab.LAB_GUEST_KERNEL);
  await form.getByLabel("Initrd path").fill(lab.LAB_GUEST_INITRD);
  await form.getByLabel("Kernel command line").fill("console=tty0 console=ttyS0");
  await nextStep(page);
  await form.getByLabel("vCPUs").fill("1");
  await form.getByLabel("Memory (MiB)").fill("128");
  await nextStep(page);
  await form.getByLabel("Pool").selectOption(pool.name);
  await form.getByLabel("Size (GiB)").fill("0.01");
  await nextStep(page);
  await form.getByRole("radio", { name: lab.LAB_NETWORK, exact: true }).check();
  await nextStep(page);
  await form.getByLabel("qemu (software emulation)").check();
  await page.getByRole("button", { name: "Review", exact: true }).click();
  await page.getByRole("button", { name: "Show XML" }).click();
  const review = page.getByTestId("review-xml");
  await expect(review).toContainText(`<kernel>${lab.LAB_GUEST_KERNEL}</kernel>`);
  await expect(review).toContainText("<title>a&lt;b&gt;&amp;&quot;c&apos;</title>");
  await page.getByRole("button", { name: "Create VM", exact: true }).click();
  await expect(page.getByRole("heading", { name: vmName })).toBeVisible({ timeout: 30_000 });
  vmPage = page.url();

  expect(await virsh(lab.LAB_URI, "domstate", vmName)).toBe("running");
  const xml = await virsh(lab.LAB_URI, "dumpxml", vmName);
  expect(xml).toContain("<domain type='qemu'");
  // Stored literally, not as markup (virsh desc prints the title unescaped).
  expect(await virsh(lab.LAB_URI, "desc", vmName, "--title")).toBe(`a<b>&"c'`);
  expect(xml).toContain(`<kernel>${lab.LAB_GUEST_KERNEL}</kernel>`);
  expect(xml).toMatch(/<driver name='qemu' type='qcow2'\/>\s*<source file='[^']*-disk1\.qcow2'/);
  expect(xml).toContain(`<source network='${lab.LAB_NETWORK}'`);
  expect(xml).toMatch(/<serial type='pty'>/);
  expect(await virsh(lab.LAB_URI, "vol-list", pool.name)).toContain(`${vmName}-disk1.qcow2`);

  await openSerial(page);
  await onSerial(page, "echo hello-$((40+2))", "hello-42");
});

test("a snapshot's revert undoes a write to the data disk", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page);
  await page.goto(`${vmPage}/snapshots`);
  const card = page
    .locator("section")
    .filter({ has: page.getByRole("heading", { name: "Snapshots" }) });
  await card.getByLabel("Snapshot name").fill("before-write");
  await card.getByLabel("Snapshot description").fill(`clean <disk> & "all"`);
  await card.getByRole("button", { name: "Take snapshot" }).click();
  const row = card.locator('[data-testid="snapshot-row"][data-name="before-write"]');
  await expect(row).toContainText("current", { timeout: 60_000 });
  // Taken while running, with memory: an internal qcow2 snapshot works with direct kernel boot.
  const snapXml = await virsh(lab.LAB_URI, "snapshot-dumpxml", vmName, "before-write");
  expect(snapXml).toContain("<state>running</state>");
  expect(snapXml).toContain("<memory snapshot='internal'/>");

  const check =
    "if head -c 4096 /dev/vda | grep -q MARK$((1)); then echo FOUND-$((2+3)); else echo ABSENT-$((2+3)); fi";
  await openSerial(page);
  await onSerial(page, "echo MARK1 > /dev/vda; sync", "sync");
  await onSerial(page, check, "FOUND-5");

  await page.goto(`${vmPage}/snapshots`);
  await row.getByRole("button", { name: "Revert" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Revert" }).click();
  await expect(page.getByRole("dialog")).toBeHidden({ timeout: 60_000 });
  expect(await virsh(lab.LAB_URI, "domstate", vmName)).toBe("running");
  await openSerial(page);
  await onSerial(page, check, "ABSENT-5");
});

test("edits: memory and vCPUs say what applied live; the XML editor shows libvirt's refusal", async ({
  page,
}) => {
  await signIn(page);
  await page.goto(vmPage);
  // A running VM's disks change while they would be copied: Clone is not offered.
  await expect(page.getByRole("button", { name: "Clone", exact: true })).toBeDisabled();
  await openVmTab(page, "Hardware");
  // A value typed before React hydrates the form is in the box but not in the form's state.
  await waitForLive(page);
  await page.getByRole("button", { name: "Edit vCPUs" }).click();
  await page.getByRole("form", { name: "vCPUs" }).getByLabel("vCPUs").fill("2");
  await page.getByRole("button", { name: "Save vCPUs" }).click();
  await expect(page.getByTestId("edit-message")).toContainText("at the next boot", {
    timeout: 20_000,
  });
  await page.getByRole("button", { name: "Edit memory" }).click();
  await page.getByRole("form", { name: "Memory" }).getByLabel("Memory (MiB)").fill("160");
  await page.getByRole("button", { name: "Save memory" }).click();
  await expect(page.getByTestId("edit-message")).toContainText("at the next boot", {
    timeout: 20_000,
  });
  // Saved for the next boot of the running VM: shown as pending beside the value, on the
  // Hardware tab and the Summary, until the VM restarts.
  await expect(page.getByTestId("hw-vcpus").getByTestId("pending-change")).toHaveText(
    "→ 2 at the next boot",
    { timeout: 20_000 },
  );
  await expect(page.getByTestId("hw-memory").getByTestId("pending-change")).toHaveText(
    "→ 160 MiB at the next boot",
  );
  expect(await virsh(lab.LAB_URI, "vcpucount", vmName, "--live", "--current")).toBe("1");
  await openVmTab(page, "Summary");
  await expect(page.getByTestId("pending-changes")).toContainText("vCPUs: 1 → 2");
  await expect(page.getByTestId("pending-changes")).toContainText("Memory: 128 MiB → 160 MiB");
  const inactive = await virsh(lab.LAB_URI, "dumpxml", vmName, "--inactive");
  expect(inactive).toContain("<memory unit='KiB'>163840</memory>");
  expect(inactive).toMatch(/<vcpu placement='static'>2<\/vcpu>/);

  await openVmTab(page, "Options");
  await page.getByRole("button", { name: "Edit description and XML" }).click();
  await page.getByLabel("Description", { exact: true }).fill(`<b>notes</b> & "more"`);
  await page.getByRole("button", { name: "Save title and description" }).click();
  await expect(page.getByText("Saved title and description.")).toBeVisible();
  expect(await virsh(lab.LAB_URI, "desc", vmName, "--config")).toBe(`<b>notes</b> & "more"`);
  const editor = page.getByLabel("Domain XML (persistent)");
  const xml = await editor.inputValue();
  await editor.fill(xml.replace("<on_crash>destroy</on_crash>", "<on_crash>explode</on_crash>"));
  await page.getByRole("button", { name: "Validate and save XML" }).click();
  await expect(
    page.getByRole("alert").filter({ hasText: "failed to validate against schema" }),
  ).toBeVisible();
  await editor.fill(xml.replace(`<name>${vmName}</name>`, "<name>other</name>"));
  await page.getByRole("button", { name: "Validate and save XML" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "must keep the name" })).toBeVisible();
  expect(await virsh(lab.LAB_URI, "list", "--all", "--name")).not.toMatch(/^other$/m);
  await page.goto(`${vmPage}/hardware`);
  await page.getByRole("button", { name: "Add disk" }).click();
  const attach = page.getByRole("form", { name: "Attach disk" });
  await attach.getByLabel("Pool").selectOption(pool.name);
  await attach.getByLabel("Size (GiB)").fill("0.005");
  await attach.getByRole("button", { name: "Attach disk" }).click();
  await expect(page.getByTestId("disks-message")).toHaveText("Disk attached.", { timeout: 20_000 });
  const extra = `${pool.dir}/${vmName}-vdb.qcow2`;
  expect(await virsh(lab.LAB_URI, "domblklist", vmName)).toContain(extra);
  expect(await virsh(lab.LAB_URI, "domblklist", vmName, "--inactive")).toContain(extra);
  await page.reload();
  await page.getByRole("button", { name: "Detach vdb" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Detach" }).click();
  await expect(page.getByTestId("disks-message")).toHaveText("Detached vdb.", { timeout: 20_000 });
  await expect
    .poll(() => virsh(lab.LAB_URI, "domblklist", vmName), { timeout: 20_000 })
    .not.toContain(extra);
  expect(await virsh(lab.LAB_URI, "domblklist", vmName, "--inactive")).not.toContain(extra);
  await virsh(lab.LAB_URI, "vol-delete", extra);
  await page.getByRole("button", { name: "Edit boot order" }).click();
  await page.getByLabel("Boot order", { exact: true }).selectOption("cdrom,hd");
  await page.getByRole("button", { name: "Save boot order" }).click();
  await expect(page.getByTestId("disks-message")).toContainText("Boot order saved");
  await expect(page.getByTestId("hw-boot").getByTestId("pending-change")).toHaveText(
    "→ cdrom then hd at the next boot",
    { timeout: 20_000 },
  );
  expect(await virsh(lab.LAB_URI, "dumpxml", vmName, "--inactive")).toMatch(
    /<boot dev='cdrom'\/>\s*<boot dev='hd'\/>/,
  );
});

test("a clone of the shut-off VM boots with new MAC and UUID; the API deletes it with its volume", async ({
  page,
}) => {
  test.setTimeout(150_000);
  await virsh(lab.LAB_URI, "destroy", vmName);
  const sourceDisk = `${vmName}-disk1.qcow2`;
  const info = await virsh(lab.LAB_URI, "vol-info", "--bytes", "--pool", pool.name, sourceDisk);
  const allocation = Number(/Allocation:\s+(\d+) bytes/.exec(info)?.[1]);
  const frames = collectTaskFrames(page); // what /ws/events tells this tab about the clone's task
  await signIn(page);
  await page.goto(vmPage);
  // Shut off: what waited for the next boot is simply the VM's configuration now.
  await expect(page.getByTestId("vm-field-vcpus")).toHaveText("2");
  await expect(page.getByTestId("pending-changes")).toHaveCount(0);
  await page.getByRole("button", { name: "Clone", exact: true }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Clone name").fill(cloneName);
  // Every percentage the dialog draws (the page stays the same document through router.push).
  await page.evaluate(() => {
    const seen: string[] = [];
    Object.assign(window, { cloneBars: seen });
    new MutationObserver(() => {
      for (const el of document.querySelectorAll('[data-testid="task-percent"]'))
        seen.push(el.textContent ?? "");
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  await dialog.getByRole("button", { name: "Clone VM" }).click();
  await expect(page.getByRole("heading", { name: cloneName })).toBeVisible({ timeout: 90_000 });
  // The bar was on screen while the copy ran (the clone then still defines and starts the VM).
  const drawn = await page.evaluate(() => (window as unknown as { cloneBars: string[] }).cloneBars);
  expect(drawn.length).toBeGreaterThan(0);
  expect(drawn.some((d) => /^\d+ % · /.test(d))).toBe(true);
  const clone = frames.filter((f) => f.kind === "vm.clone");
  expect(clone.find((f) => f.total !== null)).toMatchObject({ done: 0, total: allocation });
  expect(
    clone.some(
      (f) => f.phase === `Disk 1 of 1: ${pool.name}/${sourceDisk} → ${cloneName}-disk1.qcow2`,
    ),
  ).toBe(true);
  expect(clone.at(-1)).toMatchObject({ state: "succeeded", done: allocation, total: allocation });
  const clonePage = page.url();
  expect(await virsh(lab.LAB_URI, "domstate", cloneName)).toBe("running");
  const uuid = (name: string) => virsh(lab.LAB_URI, "domuuid", name);
  expect(await uuid(cloneName)).not.toBe(await uuid(vmName));
  const mac = async (name: string) =>
    (await virsh(lab.LAB_URI, "domiflist", name)).split(/\s+/).pop();
  expect(await mac(cloneName)).toMatch(/^52:54:00:/);
  expect(await mac(cloneName)).not.toBe(await mac(vmName));
  const cloneDisk = `${pool.dir}/${cloneName}-disk1.qcow2`;
  expect(await virsh(lab.LAB_URI, "domblklist", cloneName)).toContain(cloneDisk);
  expect(await virsh(lab.LAB_URI, "vol-list", pool.name)).toContain(`${cloneName}-disk1.qcow2`);
  await page.getByRole("link", { name: "Open serial console" }).click();
  await onSerial(page, "echo clone-$((6*7))", "clone-42");

  const id = clonePage.split("/").pop();
  const response = await page.request.delete(`/api/v1/vms/${id}`, {
    headers: SAME_ORIGIN,
    data: { force: true, volumes: [cloneDisk] },
  });
  // With its volumes, a task: 202, followed to its end.
  expect((await followTask(page.request, response)).state).toBe("succeeded");
  expect(await virsh(lab.LAB_URI, "list", "--all", "--name")).not.toContain(cloneName);
  expect(await virsh(lab.LAB_URI, "vol-list", pool.name)).not.toContain(cloneName);

  // Rename while shut off: libvirt keeps the UUID; rename back for the tests that follow.
  const originalUuid = await uuid(vmName);
  await page.goto(`${vmPage}/options`);
  for (const [from, to] of [
    [vmName, `${vmName}-r`],
    [`${vmName}-r`, vmName],
  ] as const) {
    const form = page.getByRole("form", { name: "Rename" });
    await expect(form.getByLabel("Name")).toHaveValue(from);
    await form.getByLabel("Name").fill(to);
    await form.getByRole("button", { name: "Rename" }).click();
    await expect(page.getByTestId("edit-message")).toHaveText(`Renamed to ${to}.`);
    expect(await uuid(to)).toBe(originalUuid);
    await expect(page.getByRole("heading", { name: to, exact: true })).toBeVisible();
  }
  await virsh(lab.LAB_URI, "start", vmName);
});

test("deleting the VM with its volume removes both from the host", async ({ page }) => {
  await signIn(page);
  await page.goto(vmPage);
  await page.getByRole("button", { name: "Delete", exact: true }).first().click();
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("checkbox", { name: /Delete volume .*-disk1\.qcow2/ }).check();
  await dialog.getByLabel("It is running: force it off first").check();
  await dialog.getByRole("button", { name: "Delete VM" }).click();
  await expect(page).toHaveURL(/\/vms$/, { timeout: 30_000 });
  // Deleted through Virtdeck, so not "gone": it leaves the list.
  await expect(page.locator(`[data-testid="vm-row"][data-vm-name="${vmName}"]`)).toHaveCount(0);
  expect(await virsh(lab.LAB_URI, "list", "--all", "--name")).not.toContain(vmName);
  expect(await virsh(lab.LAB_URI, "vol-list", pool.name)).not.toContain(vmName);
});

test("hostile names and sizes are refused with clear messages and nothing is created", async ({
  page,
}) => {
  await signIn(page);
  await page.goto("/vms/new");
  const hostId = await page.getByLabel("Host").inputValue();
  const base = {
    hostId,
    name: `vd-ok-${suffix}`,
    source: { kind: "kernel", kernel: lab.LAB_GUEST_KERNEL },
    vcpus: 1,
    memoryMib: 128,
    domainType: "qemu",
    disk: { mode: "new", pool: pool.name, sizeGib: 1, format: "qcow2" },
  };
  const cases: [Record<string, unknown>, RegExp][] = [
    [{ name: `a<b>&"c'` }, /^Name: letters, digits/],
    [{ name: "../../etc" }, /^Name: letters, digits/],
    [{ disk: { ...base.disk, sizeGib: -1 } }, /more than 0 GiB/],
    [{ disk: { ...base.disk, sizeGib: 1e12 } }, /at most 65536 GiB/],
    [{ source: { kind: "kernel", kernel: "/boot/../../etc/shadow" } }, /must not contain '\.\.'/],
    [{ memoryMib: -128 }, /at least 32 MiB/],
    [{ osinfoId: "http://example.org/no-such-os/1" }, /Unknown operating system/],
  ];
  for (const [override, message] of cases) {
    const response = await page.request.post("/api/v1/vms", {
      headers: SAME_ORIGIN,
      data: { ...base, ...override },
    });
    expect(response.status()).toBe(400);
    expect(((await response.json()) as { error: string }).error).toMatch(message);
  }
  const form = page.getByRole("form", { name: "Create VM" });
  await form.getByLabel("Name", { exact: true }).fill("../../etc");
  // The chips skip ahead; Review checks every step and opens the one refused, beside its field.
  await page.getByRole("button", { name: "7. Display" }).click();
  await page.getByRole("button", { name: "Review", exact: true }).click();
  await expect(form.getByLabel("Name", { exact: true })).toHaveAccessibleDescription(
    /^Name: letters, digits/,
  );
  const all = await virsh(lab.LAB_URI, "list", "--all", "--name");
  expect(all).not.toMatch(/vd-ok-|etc|a<b/);
  expect(await virsh(lab.LAB_URI, "vol-list", pool.name)).not.toMatch(/vd-ok|etc/);
});
