// The lab's libvirtd (host 1) is stopped and started again: the host goes offline with the
// reason, the rest of the app keeps answering at once, and the host comes back online by itself.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { labEnv } from "../tests/integration/support/lab-env";
import { defineXml, guestXml, removeDomain, virsh } from "../tests/integration/support/virsh";
import { removeFromHostPage, waitForLive } from "./support/hosts";
import { signIn } from "./support/sign-in";

const lab = labEnv();
const libvirtd = (verb: "stop" | "start") =>
  execFileSync("bash", [lab.LAB_SCRIPT, "libvirtd", verb], { stdio: "inherit", timeout: 120_000 });

const outageGuest = `vd-outage-${Date.now().toString(36)}`;
test.afterAll(() => removeDomain(lab.LAB_URI, outageGuest));

test("a host whose libvirtd dies goes offline, the app keeps serving, and it comes back", async ({
  page,
}) => {
  test.setTimeout(150_000);
  const name = `outage-${Date.now().toString(36)}`;
  // A guest whose QEMU dies while libvirtd is down: no event can tell Virtdeck, only the resync.
  const guest = outageGuest;
  await defineXml(lab.LAB_URI, await guestXml(lab, guest));
  await virsh(lab.LAB_URI, "start", guest);
  await signIn(page);
  await page.goto("/hosts");
  await waitForLive(page);
  const form = page.getByRole("form", { name: "Add host" });
  await form.getByLabel("Name").fill(name);
  await form.getByLabel("libvirt URI").fill(lab.LAB_URI);
  await form.getByRole("button", { name: "Add host" }).click();
  const row = page.getByTestId("host-row").filter({ hasText: name });
  const status = row.getByTestId("host-status");
  await expect(status).toHaveText("online", { timeout: 20_000 });

  try {
    await page.goto("/vms");
    const vmRow = page.locator(`[data-testid="vm-row"][data-vm-name="${guest}"]`);
    await expect(vmRow.getByTestId("vm-state")).toHaveText("running", { timeout: 15_000 });
    await page.goto("/hosts");
    libvirtd("stop");
    await expect(status).toHaveText("offline", { timeout: 15_000 });
    await expect(row.getByTestId("host-error")).not.toBeEmpty();
    // Other pages and the API answer without waiting on the dead host.
    for (const url of ["/", "/vms", `/hosts`, "/api/v1/hosts"]) {
      const t0 = Date.now();
      const res = await page.request.get(url);
      expect(res.status(), url).toBe(200);
      expect(Date.now() - t0, url).toBeLessThan(3_000);
    }
    const qemuPid = Number(readFileSync(`/run/libvirt/qemu/${guest}.pid`, "utf8").trim());
    process.kill(qemuPid, "SIGKILL");
  } finally {
    libvirtd("start");
  }
  // Backoff is capped at 30 s.
  await expect(status).toHaveText("online", { timeout: 45_000 });

  // The full sync on reconnect finds what changed while Virtdeck could not listen.
  expect(await virsh(lab.LAB_URI, "domstate", guest)).toBe("shut off");
  await page.goto("/vms");
  const vmRow = page.locator(`[data-testid="vm-row"][data-vm-name="${guest}"]`);
  await expect(vmRow.getByTestId("vm-state")).toHaveText("shut off", { timeout: 10_000 });
  await removeDomain(lab.LAB_URI, guest);
  await page.goto("/hosts");

  await row.getByRole("link", { name }).click();
  const history = page.getByTestId("status-history");
  await expect(history).toContainText("offline");
  await expect(history).toContainText("online");
  await removeFromHostPage(page);
});
