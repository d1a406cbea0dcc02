// On a machine with /run/libvirt/libvirt-sock (the lab's host 1), a fresh Virtdeck offers to add
// "this machine" as qemu:///system, and does nothing unless asked.
import { expect, test } from "@playwright/test";
import { labEnv } from "../tests/integration/support/lab-env";
import { E2E_PORT } from "./support/constants";
import { waitForLive } from "./support/hosts";
import { spawnServer } from "./support/spawn-server";

test("a fresh install offers to add this machine, and adds it only when asked", async ({
  page,
}) => {
  const password = "first-start-offer-1";
  const server = await spawnServer(E2E_PORT + 2, { VIRTDECK_ADMIN_PASSWORD: password });
  try {
    await page.goto(`${server.baseUrl}/login`);
    await page.getByLabel("Username").fill("admin");
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByTestId("signed-in-user")).toContainText("admin");
    await page.goto(`${server.baseUrl}/hosts`);
    await waitForLive(page);
    const offer = page.getByTestId("local-host-offer");
    await expect(offer).toContainText("qemu:///system");
    // Named as libvirtd names itself (virConnectGetHostname), as the host page will show it.
    await expect(offer).toContainText(`Add it as ${labEnv().LAB_HOST1_NAME} (qemu:///system)`);
    await page.getByRole("button", { name: "Not now" }).click();
    await expect(offer).toHaveCount(0);
    await expect(page.getByTestId("host-row")).toHaveCount(0);

    await page.reload();
    await waitForLive(page);
    await page.getByRole("button", { name: "Add this machine" }).click();
    const row = page.getByTestId("host-row");
    await expect(row).toContainText("qemu:///system");
    await expect(row).toContainText(labEnv().LAB_HOST1_NAME);
    await expect(row.getByTestId("host-status")).toHaveText("online", { timeout: 20_000 });
    await page.reload();
    await expect(offer).toHaveCount(0);
  } finally {
    await server.stop();
  }
});
