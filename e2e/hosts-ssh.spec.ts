// A host reached over SSH with a pasted private key: the host key is shown at the test and
// trusted when saving; a wrong key is refused with the SSH client's words and saves nothing.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { labEnv } from "../tests/integration/support/lab-env";
import { defineXml, guestXml, removeDomain } from "../tests/integration/support/virsh";
import { removeFromHostPage, waitForLive } from "./support/hosts";
import { signIn } from "./support/sign-in";

const lab = labEnv();
/** LAB_HOST2_SSH_URI without ?keyfile=: the key is pasted instead. */
const SSH_URI = lab.LAB_HOST2_SSH_URI.replace(/\?.*$/, "");
const labKey = readFileSync(lab.LAB_SSH_KEY, "utf8");
/** The lab's host 2 key fingerprint, computed from its known_hosts line (ssh-keygen -l's form). */
const knownBlob = Buffer.from(
  readFileSync(lab.LAB_KNOWN_HOSTS, "utf8").trim().split(/\s+/)[2]!,
  "base64",
);
const fingerprint = `SHA256:${createHash("sha256").update(knownBlob).digest("base64").replace(/=+$/, "")}`;

function freshKey(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "vd-e2e-key-"));
  try {
    execFileSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", `${dir}/k`]);
    return readFileSync(`${dir}/k`, "utf8");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test.beforeEach(async ({ page }) => {
  await signIn(page);
  await page.goto("/hosts");
  await waitForLive(page);
});

const sshGuest = `vd-ssh-inv-${Date.now().toString(36)}`;
test.afterAll(() => removeDomain(lab.LAB_HOST2_URI, sshGuest));

test("adds the SSH-reached lab host with a pasted key, trusting the host key shown", async ({
  page,
}) => {
  const name = `ssh-${Date.now().toString(36)}`;
  // A VM defined on host 2 beforehand must show up in the inventory under this host.
  const guest = sshGuest;
  await defineXml(lab.LAB_HOST2_URI, await guestXml(lab, guest));
  const form = page.getByRole("form", { name: "Add host" });
  await form.getByLabel("Name").fill(name);
  await form.getByLabel("libvirt URI").fill(SSH_URI);
  await form.getByLabel("SSH user").fill("root");
  await form.getByLabel("Private key").fill(labKey);
  await form.getByRole("button", { name: "Test connection" }).click();
  await expect(form.getByTestId("probe-hostname")).toHaveText(lab.LAB_HOST2_NAME);
  await expect(form.getByTestId("probe-fingerprint")).toHaveText(fingerprint);
  await expect(form.getByTestId("accepted-host-key")).toHaveText(fingerprint);
  await form.getByRole("button", { name: "Add host" }).click();
  const row = page.getByTestId("host-row").filter({ hasText: name });
  await expect(row.getByTestId("host-status")).toHaveText("online", { timeout: 20_000 });

  await row.getByRole("link", { name }).click();
  await expect(page.getByTestId("fact-hostname")).toHaveText(lab.LAB_HOST2_NAME);
  // The key never comes back to the browser; its fingerprint does.
  expect(await page.content()).not.toContain("PRIVATE KEY");

  const hostPage = page.url();
  await page.goto("/vms");
  const vmRow = page.locator(`[data-testid="vm-row"][data-vm-name="${guest}"]`);
  await expect(vmRow).toContainText(name, { timeout: 15_000 });
  await expect(vmRow.getByTestId("vm-state")).toHaveText("shut off");
  await removeDomain(lab.LAB_HOST2_URI, guest);
  await expect(vmRow.getByTestId("vm-state")).toHaveText("gone", { timeout: 10_000 });

  await page.goto(hostPage);
  await removeFromHostPage(page);
  await expect(row).toHaveCount(0);
});

test("a wrong key is refused with a clear message and nothing is saved", async ({ page }) => {
  const before = await page.getByTestId("host-row").count();
  const form = page.getByRole("form", { name: "Add host" });
  await form.getByLabel("Name").fill(`wrong-${Date.now().toString(36)}`);
  await form.getByLabel("libvirt URI").fill(SSH_URI);
  await form.getByLabel("SSH user").fill("root");
  await form.getByLabel("Private key").fill(freshKey());
  await form.getByRole("button", { name: "Test connection" }).click();
  await expect(form.getByRole("alert")).toContainText("permission denied (publickey)");
  // No host key was accepted (the test failed), so saving refuses before even trying the key.
  await form.getByRole("button", { name: "Add host" }).click();
  await expect(form.getByRole("alert")).toContainText("offered an SSH host key not accepted yet");
  await form.getByLabel("Private key").fill("not a key");
  await form.getByRole("button", { name: "Add host" }).click();
  await expect(form.getByRole("alert")).toContainText("Paste the private key itself");
  await page.reload();
  await expect(page.getByTestId("host-row")).toHaveCount(before);
});
