// Networks against the lab's real libvirtd, with virsh as the oracle: a NAT network made in the
// wizard, a guest on it whose lease shows on the network and its IP on the VM page; refusals
// that change nothing on the host; deleting a network in use needs a yes.
import { expect, type Page, test } from "@playwright/test";
import { labEnv } from "../tests/integration/support/lab-env";
import { defineXml, guestXml, removeDomain, virsh } from "../tests/integration/support/virsh";
import { SAME_ORIGIN } from "./support/constants";
import { waitForLive } from "./support/hosts";
import { addLabHost, removeHost } from "./support/lab-host";
import { signIn } from "./support/sign-in";
import { onSerial, openVmTab } from "./support/vm-pages";

const lab = labEnv();
const suffix = Date.now().toString(36);
const hostName = `lab-net-${suffix}`;
const net = `e2e-nat-${suffix}`;
const guest = `e2e-net-vm-${suffix}`;
const x = 100 + Math.floor(Math.random() * 150);

test.describe.configure({ mode: "serial" });

test.afterAll(async ({ browser }) => {
  await removeDomain(lab.LAB_URI, guest);
  await virsh(lab.LAB_URI, "net-destroy", net).catch(() => undefined);
  await virsh(lab.LAB_URI, "net-undefine", net).catch(() => undefined);
  const page = await browser.newPage();
  await signIn(page);
  await removeHost(page, hostName);
  await page.close();
});

async function openWizard(page: Page): Promise<void> {
  await page.goto("/networks");
  const section = page.locator("section").filter({ hasText: hostName });
  await section.getByRole("link", { name: "Create network" }).click();
  await expect(page.getByRole("form", { name: "Create network" })).toBeVisible();
}

async function fill(page: Page, values: Record<string, string>): Promise<void> {
  const form = page.getByRole("form", { name: "Create network" });
  for (const [label, value] of Object.entries(values))
    await form.getByLabel(label, { exact: true }).fill(value);
}

const natValues = (name: string, bridge = `vde${suffix.slice(-6)}`) => ({
  Name: name,
  "Bridge name": bridge,
  "IPv4 subnet (CIDR)": `10.60.${x}.0/24`,
  Gateway: `10.60.${x}.1`,
  "DHCP range start": `10.60.${x}.100`,
  "DHCP range end": `10.60.${x}.200`,
});

test("creates a NAT network; a guest on it gets a lease shown on the network and the VM page", async ({
  page,
}) => {
  await signIn(page);
  await addLabHost(page, hostName);
  await openWizard(page);
  await expect(page.getByText("outside machines cannot reach them directly")).toBeVisible();
  await fill(page, natValues(net));
  await page.getByRole("button", { name: "Create network" }).click();
  await expect(page.getByRole("heading", { name: net })).toBeVisible({ timeout: 15_000 });
  await expect(page.getByTestId("network-active")).toHaveText("yes");
  const xml = await virsh(lab.LAB_URI, "net-dumpxml", net);
  expect(xml).toMatch(/<forward mode='nat'/);
  expect(xml).toContain(`<range start='10.60.${x}.100' end='10.60.${x}.200'`);
  await expect(page.getByTestId("network-xml")).toContainText(`10.60.${x}.1`);

  await defineXml(lab.LAB_URI, await guestXml(lab, guest, net));
  await virsh(lab.LAB_URI, "start", guest);
  const mac = (await virsh(lab.LAB_URI, "domiflist", guest)).split(/\s+/).pop()!;
  const lease = page.locator(`[data-testid="lease-row"][data-mac="${mac}"]`);
  // No reload: the open network page reads its leases again by itself.
  await expect(lease).toBeVisible({ timeout: 60_000 });
  const ip = ((await lease.getByTestId("lease-ip").textContent()) ?? "").split("/")[0]!;
  expect(ip.startsWith(`10.60.${x}.`)).toBe(true);
  expect(await virsh(lab.LAB_URI, "net-dhcp-leases", net)).toContain(ip);

  await lease.getByRole("link", { name: guest }).click();
  await openVmTab(page, "Hardware");
  await expect(
    page.locator(`[data-testid="vm-nic-row"][data-mac="${mac}"]`).getByTestId("vm-nic-ip"),
  ).toHaveText(ip, { timeout: 30_000 });
});

test("a NIC added to the running VM shows its lease on the VM page as soon as the network has it", async ({
  page,
  context,
}) => {
  test.setTimeout(120_000);
  await signIn(page);
  await page.goto("/vms");
  await page.getByRole("link", { name: guest, exact: true }).click();
  await expect(page).toHaveURL(/\/vms\/[^/]+$/);
  const vmUrl = page.url();
  await openVmTab(page, "Hardware");
  const mac = "52:54:00:e2:5e:c0";
  await page.getByRole("button", { name: "Add network interface" }).click();
  const form = page.getByRole("form", { name: "Add NIC" });
  await form.getByLabel("Attach to").selectOption(`network:${lab.LAB_NETWORK}`);
  await form.getByLabel("Model").selectOption("virtio");
  await form.getByLabel("MAC address").fill(mac);
  await form.getByRole("button", { name: "Add NIC" }).click();
  await expect(page.getByTestId("vm-nic-outcome")).toHaveText("NIC added: done on the running VM");
  const ip = page.locator(`[data-testid="vm-nic-row"][data-mac="${mac}"]`).getByTestId("vm-nic-ip");
  await expect(ip).toHaveText("waiting for a lease…");

  // The guest asks for a lease on its new interface (its init only runs DHCP on eth0).
  const serial = await context.newPage();
  await serial.goto(`${vmUrl}/console/serial`);
  await onSerial(serial, "udhcpc -i eth1 -n -q -t 10 -T 1 -s /etc/udhcpc.script", "lease 10.");
  const leases = await virsh(lab.LAB_URI, "net-dhcp-leases", lab.LAB_NETWORK, "--mac", mac);
  const leased = /(\d+\.\d+\.\d+\.\d+)\/\d+/.exec(leases)?.[1];
  expect(leased).toBeTruthy();
  // No reload: the page that was open all along shows it within a few seconds.
  await expect(ip).toHaveText(leased!, { timeout: 10_000 });
  await serial.close();
  await page.getByRole("button", { name: `Remove NIC ${mac}` }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Remove NIC" }).click();
  await expect(page.getByTestId("vm-nic-outcome")).toContainText("NIC removed");
});

test("on the VM page, a NIC is added live on a network and removed again", async ({ page }) => {
  await signIn(page);
  await page.goto("/vms");
  await page.getByRole("link", { name: guest, exact: true }).click();
  await expect(page.getByRole("heading", { name: guest })).toBeVisible();
  const mac = `52:54:00:e2:${suffix.slice(-4, -2).padStart(2, "0")}:${suffix.slice(-2)}`.replace(
    /[^0-9a-f:]/g,
    "a",
  );
  await openVmTab(page, "Hardware");
  await page.getByRole("button", { name: "Add network interface" }).click();
  const form = page.getByRole("form", { name: "Add NIC" });
  await form.getByLabel("Attach to").selectOption(`network:${lab.LAB_NETWORK}`);
  await form.getByLabel("Model").selectOption("e1000");
  await form.getByLabel("MAC address").fill(mac);
  await form.getByRole("button", { name: "Add NIC" }).click();
  await expect(page.getByTestId("vm-nic-outcome")).toHaveText("NIC added: done on the running VM");
  const live = await virsh(lab.LAB_URI, "domiflist", guest);
  expect(live).toContain(mac);
  expect(live).toMatch(new RegExp(`${lab.LAB_NETWORK}\\s+e1000\\s+${mac}`));
  await expect(page.locator(`[data-testid="vm-nic-row"][data-mac="${mac}"]`)).toBeVisible();

  await page.getByRole("button", { name: `Remove NIC ${mac}` }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Remove NIC" }).click();
  await expect(page.getByTestId("vm-nic-outcome")).toContainText("NIC removed");
  await expect
    .poll(() => virsh(lab.LAB_URI, "domiflist", guest), { timeout: 15_000 })
    .not.toContain(mac);
});

test("a network defined and removed with virsh appears and goes away without a reload", async ({
  page,
}) => {
  const outside = `e2e-virsh-net-${suffix}`;
  await signIn(page);
  await page.goto("/networks");
  await waitForLive(page); // the page listens for the host's network events
  const row = page.locator(`[data-testid="network-row"][data-network-name="${outside}"]`);
  await defineNetwork(outside);
  try {
    await expect(row).toBeVisible({ timeout: 5_000 });
    await virsh(lab.LAB_URI, "net-undefine", outside);
    await expect(row).toHaveCount(0, { timeout: 5_000 });
  } finally {
    await virsh(lab.LAB_URI, "net-undefine", outside).catch(() => undefined);
  }
});

async function defineNetwork(name: string): Promise<void> {
  const { mkdtemp, writeFile, rm } = await import("node:fs/promises");
  const dir = await mkdtemp("/tmp/vd-e2e-net-");
  try {
    await writeFile(
      `${dir}/net.xml`,
      `<network><name>${name}</name><bridge name="vdv${suffix.slice(-6)}"/></network>`,
    );
    await virsh(lab.LAB_URI, "net-define", `${dir}/net.xml`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

test("refuses an overlap, a range outside, a bad CIDR, a duplicate and XML specials; nothing changes", async ({
  page,
}) => {
  await signIn(page);
  const before = await virsh(lab.LAB_URI, "net-list", "--all", "--name");
  const cases: [Record<string, string>, RegExp][] = [
    [
      {
        "IPv4 subnet (CIDR)": "10.177.9.0/24",
        Gateway: "10.177.9.1",
        "DHCP range start": "10.177.9.10",
        "DHCP range end": "10.177.9.20",
      },
      /overlaps 10\.177\.0\.0\/16/,
    ],
    [{ "DHCP range end": `10.60.${x + 1}.20` }, /must lie inside/],
    [{ "IPv4 subnet (CIDR)": "10.60.1.0/33" }, /not an IPv4 subnet in CIDR form/],
    [{ Name: net }, new RegExp(`A network named ${net} already exists`)],
    [{ Name: "bad<name>&" }, /letters, digits and/],
  ];
  for (const [change, message] of cases) {
    await openWizard(page);
    await fill(page, {
      ...natValues(`e2e-refused-${suffix}`, `vdr${suffix.slice(-6)}`),
      ...change,
    });
    await page.getByRole("button", { name: "Create network" }).click();
    await expect(page.getByRole("alert").filter({ hasText: message })).toBeVisible({
      timeout: 10_000,
    });
  }
  expect(await virsh(lab.LAB_URI, "net-list", "--all", "--name")).toBe(before);
});

test("deleting a network in use is refused until confirmed", async ({ page }) => {
  await signIn(page);
  await page.goto("/networks");
  await page
    .locator(`[data-testid="network-row"][data-network-name="${net}"]`)
    .getByRole("link", { name: net })
    .click();
  await expect(page).toHaveURL(new RegExp(`/networks/[^/]+/${net}$`));
  const hostId = page.url().split("/networks/")[1]!.split("/")[0]!;
  const refused = await page.request.delete(`/api/v1/hosts/${hostId}/networks/${net}`, {
    headers: SAME_ORIGIN,
  });
  expect(refused.status()).toBe(409);
  expect((await refused.json()).error).toContain(`is used by ${guest}`);
  expect(await virsh(lab.LAB_URI, "net-list", "--all", "--name")).toContain(net);

  await page.getByRole("button", { name: "Delete", exact: true }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByTestId("network-in-use")).toContainText(guest);
  await dialog.getByRole("button", { name: "Cancel" }).click();
  expect(await virsh(lab.LAB_URI, "net-list", "--all", "--name")).toContain(net);
  await page.getByRole("button", { name: "Delete", exact: true }).click();
  await dialog.getByRole("button", { name: "Delete anyway" }).click();
  await expect(page).toHaveURL(/\/networks$/, { timeout: 15_000 });
  expect(await virsh(lab.LAB_URI, "net-list", "--all", "--name")).not.toContain(net);
});
