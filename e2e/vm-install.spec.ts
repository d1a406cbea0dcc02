// Installs from media against the lab's real libvirtd, with virsh as the oracle: the wizard's
// "ISO volume as CD-ROM" path (with an osinfo-db system chosen) boots the lab's bootable CD
// (the tiny guest on isolinux); the running VM's CD-ROM is ejected and loaded again from the
// volume picker, an existing volume is attached from the picker; a UEFI VM boots on OVMF and
// its delete takes the NVRAM file along; imported and existing volumes keep their own formats.
import { randomBytes } from "node:crypto";
import { copyFile, stat } from "node:fs/promises";
import { expect, type Page, test } from "@playwright/test";
import { labEnv } from "../tests/integration/support/lab-env";
import { virsh } from "../tests/integration/support/virsh";
import { createLabPool, type LabPool } from "../tests/integration/vms/lab-pool";
import { SAME_ORIGIN } from "./support/constants";
import { addLabHost, removeHost } from "./support/lab-host";
import { signIn } from "./support/sign-in";
import { followTask } from "./support/tasks";
import { nextStep, onSerial, openVmTab } from "./support/vm-pages";

const lab = labEnv();
const suffix = randomBytes(3).toString("hex");
const hostName = `lab-install-${suffix}`;
const isoVm = `e2e-iso-${suffix}`;
const uefiVm = `e2e-uefi-${suffix}`;
const importVm = `e2e-import-${suffix}`;
let pool: LabPool;
let isoPath = "";

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  pool = await createLabPool(lab.LAB_URI, "vd-install");
  isoPath = `${pool.dir}/tiny.iso`;
  await copyFile(lab.LAB_GUEST_ISO, isoPath);
  await virsh(lab.LAB_URI, "vol-create-as", pool.name, "spare.qcow2", "16M", "--format", "qcow2");
  await virsh(lab.LAB_URI, "pool-refresh", pool.name);
});

test.afterAll(async ({ browser }) => {
  for (const name of [isoVm, uefiVm, importVm]) {
    await virsh(lab.LAB_URI, "destroy", name).catch(() => undefined);
    await virsh(lab.LAB_URI, "undefine", name, "--nvram").catch(() => undefined);
  }
  await pool?.remove();
  const page = await browser.newPage();
  await signIn(page);
  await removeHost(page, hostName);
  await page.close();
});

/** Opens the VM page's serial console and runs `line` there (OVMF and isolinux boot slower). */
async function onSerialConsole(page: Page, line: string, expected: string): Promise<void> {
  await page.getByRole("link", { name: "Open serial console" }).click();
  await onSerial(page, line, expected, 90_000);
}

/** The source column of `virsh domblklist` for one target ("-" when a CD-ROM is empty). */
async function blockSource(vm: string, target: string): Promise<string | undefined> {
  const out = await virsh(lab.LAB_URI, "domblklist", vm);
  const row = out.split("\n").find((l) => l.trim().startsWith(`${target} `));
  return row?.trim().split(/\s+/)[1];
}

test("the wizard installs from an ISO volume: the VM boots the CD", async ({ page }) => {
  test.setTimeout(150_000);
  await signIn(page);
  await addLabHost(page, hostName);
  await page.goto("/vms/new");
  const form = page.getByRole("form", { name: "Create VM" });
  await form.getByLabel("Host").selectOption({ label: hostName });
  await form.getByLabel("Name", { exact: true }).fill(isoVm);
  await nextStep(page);
  // A specific system from osinfo-db (installed by npm test) sets its recommended resources.
  await form.getByLabel(/^Specific operating system/).selectOption("http://debian.org/debian/11");
  await expect(page.getByTestId("osinfo-summary")).toContainText("1024 MiB");
  await nextStep(page);
  await form.getByLabel("ISO volume as CD-ROM").check();
  // The picker lists the pool's ISO image (probed by libvirt) and not its qcow2 volume.
  const iso = form.getByLabel("ISO volume", { exact: true });
  await expect(iso.locator("option", { hasText: "tiny.iso" })).toHaveCount(1);
  await expect(iso.locator("option", { hasText: "spare.qcow2" })).toHaveCount(0);
  await iso.selectOption(isoPath);
  await nextStep(page);
  await expect(form.getByLabel("Memory (MiB)")).toHaveValue("1024");
  await form.getByLabel("vCPUs").fill("1");
  await form.getByLabel("Memory (MiB)").fill("128");
  await nextStep(page);
  await form.getByLabel("No disk").check();
  await nextStep(page);
  await form.getByRole("radio", { name: lab.LAB_NETWORK, exact: true }).check();
  await nextStep(page);
  await form.getByLabel("qemu (software emulation)").check();
  await page.getByRole("button", { name: "Review", exact: true }).click();
  await expect(page.getByTestId("summary-boot")).toContainText(`CD-ROM: ${isoPath}`);
  await page.getByRole("button", { name: "Show XML" }).click();
  await expect(page.getByTestId("review-xml")).toContainText(`<source file="${isoPath}"`);
  await expect(page.getByTestId("review-xml")).toContainText(
    '<libosinfo:os id="http://debian.org/debian/11"/>',
  );
  await page.getByRole("button", { name: "Create VM", exact: true }).click();
  await expect(page.getByRole("heading", { name: isoVm })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId("vm-field-os")).toHaveText("Debian 11");

  const xml = await virsh(lab.LAB_URI, "dumpxml", isoVm);
  expect(xml).toMatch(/<boot dev='cdrom'\/>\s*<boot dev='hd'\/>/);
  expect(xml).toContain('<libosinfo:os id="http://debian.org/debian/11"/>');
  expect(xml).toMatch(
    new RegExp(`<disk type='file' device='cdrom'>[\\s\\S]*?<source file='${isoPath}'`),
  );
  // isolinux on the CD passed vdname=virtdeck-cd: the guest came from the ISO, not a kernel path.
  await onSerialConsole(page, "cat /proc/cmdline", "vdname=virtdeck-cd");
});

test("the running VM's CD-ROM is ejected and loaded again; an existing volume is attached", async ({
  page,
}) => {
  test.setTimeout(90_000);
  await signIn(page);
  await page.goto("/vms");
  await page.getByRole("link", { name: isoVm, exact: true }).click();
  await openVmTab(page, "Hardware");
  const drive = page.locator('[data-testid="cdrom-drive"]');
  const target = (await drive.getAttribute("data-target")) ?? "";
  await expect(drive.getByTestId("cdrom-medium")).toHaveText(isoPath);
  await drive.getByRole("button", { name: "Eject" }).click();
  await expect(page.getByTestId("edit-message")).toHaveText(`Ejected ${target}.`, {
    timeout: 20_000,
  });
  expect(await blockSource(isoVm, target)).toBe("-");
  await expect(drive.getByTestId("cdrom-medium")).toHaveText("empty");

  await drive.getByRole("button", { name: `Change medium of ${target}` }).click();
  await drive.getByLabel(`Medium for ${target}`).selectOption(isoPath);
  await drive.getByRole("button", { name: "Insert" }).click();
  await expect(page.getByTestId("edit-message")).toHaveText(`Inserted ${isoPath} in ${target}.`, {
    timeout: 20_000,
  });
  expect(await blockSource(isoVm, target)).toBe(isoPath);
  await expect(drive.getByTestId("cdrom-medium")).toHaveText(isoPath);
  expect(await virsh(lab.LAB_URI, "dumpxml", isoVm, "--inactive")).toContain(
    `<source file='${isoPath}'`,
  );

  await page.getByRole("button", { name: "Add disk" }).click();
  const attach = page.getByRole("form", { name: "Attach disk" });
  await attach.getByLabel("An existing volume").check();
  await attach.getByLabel("Volume", { exact: true }).selectOption(`${pool.dir}/spare.qcow2`);
  await attach.getByRole("button", { name: "Attach disk" }).click();
  await expect(page.getByTestId("disks-message")).toHaveText("Disk attached.", { timeout: 20_000 });
  expect(await blockSource(isoVm, "vda")).toBe(`${pool.dir}/spare.qcow2`);
});

test("an imported raw image and an existing qcow2 volume keep their own formats; the VM starts", async ({
  page,
}) => {
  await virsh(lab.LAB_URI, "vol-create-as", pool.name, "imported.img", "8M", "--format", "raw");
  await virsh(lab.LAB_URI, "vol-create-as", pool.name, "data.qcow2", "8M", "--format", "qcow2");
  await signIn(page);
  await page.goto("/vms/new");
  const hostId = await page.getByLabel("Host").inputValue();
  const base = {
    hostId,
    name: importVm,
    vcpus: 1,
    memoryMib: 128,
    domainType: "qemu",
    start: true,
  };
  const created = await page.request.post("/api/v1/vms", {
    headers: SAME_ORIGIN,
    data: {
      ...base,
      source: { kind: "import", diskPath: `${pool.dir}/imported.img` },
      disk: { mode: "existing", path: `${pool.dir}/data.qcow2` },
    },
  });
  expect((await followTask(page.request, created)).state).toBe("succeeded");
  const xml = await virsh(lab.LAB_URI, "dumpxml", importVm);
  expect(xml).toMatch(
    new RegExp(
      `<driver name='qemu' type='raw'/>\\s*<source file='${pool.dir}/imported.img'[^>]*/>\\s*(<backingStore/>\\s*)?<target dev='vda'`,
    ),
  );
  expect(xml).toMatch(
    new RegExp(
      `<driver name='qemu' type='qcow2'/>\\s*<source file='${pool.dir}/data.qcow2'[^>]*/>\\s*(<backingStore/>\\s*)?<target dev='vdb'`,
    ),
  );
  expect(xml).toMatch(/<boot dev='hd'\/>/);
  expect(await virsh(lab.LAB_URI, "domstate", importVm)).toBe("running");

  // A path that is no volume of the host's pools is refused, and nothing is defined.
  const refused = await page.request.post("/api/v1/vms", {
    headers: SAME_ORIGIN,
    data: { ...base, name: `${importVm}-x`, source: { kind: "import", diskPath: "/etc/hostname" } },
  });
  expect(refused.status()).toBe(400);
  expect(((await refused.json()) as { error: string }).error).toContain(
    "/etc/hostname is not a volume in any of the host's storage pools",
  );
  expect(await virsh(lab.LAB_URI, "list", "--all", "--name")).not.toContain(`${importVm}-x`);
});

test("a UEFI VM boots on OVMF; deleting it removes its NVRAM file", async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page);
  await page.goto("/vms/new");
  const hostId = await page.getByLabel("Host").inputValue();
  const created = await page.request.post("/api/v1/vms", {
    headers: SAME_ORIGIN,
    data: {
      hostId,
      name: uefiVm,
      source: {
        kind: "kernel",
        kernel: lab.LAB_GUEST_KERNEL,
        initrd: lab.LAB_GUEST_INITRD,
        cmdline: "console=tty0 console=ttyS0",
      },
      vcpus: 1,
      memoryMib: 256,
      firmware: "uefi",
      domainType: "qemu",
      network: lab.LAB_NETWORK,
      start: true,
    },
  });
  const made = await followTask(page.request, created);
  expect(made.state).toBe("succeeded");
  const vm = { id: (made.result as { vmId: string }).vmId };
  const xml = await virsh(lab.LAB_URI, "dumpxml", uefiVm);
  expect(xml).toMatch(/<loader [^>]*type='pflash'[^>]*>[^<]*OVMF[^<]*<\/loader>/);
  const nvram = /<nvram[^>]*>([^<]+)<\/nvram>/.exec(xml)?.[1] ?? "";
  expect(nvram).toMatch(/\.fd$/);
  expect((await stat(nvram)).isFile()).toBe(true);
  await page.goto(`/vms/${vm.id}`);
  await onSerialConsole(page, "echo uefi-$((40+2))", "uefi-42");

  const deleted = await page.request.delete(`/api/v1/vms/${vm.id}`, {
    headers: SAME_ORIGIN,
    data: { force: true, volumes: [] },
  });
  expect(deleted.status()).toBe(204);
  expect(await virsh(lab.LAB_URI, "list", "--all", "--name")).not.toContain(uefiVm);
  await expect(stat(nvram)).rejects.toThrow(/ENOENT/);
});
