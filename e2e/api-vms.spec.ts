// The JSON API for VMs with an API token, against the lab's libvirtd; virsh is the oracle.
import { request as apiRequest, expect, test } from "@playwright/test";
import { labEnv } from "../tests/integration/support/lab-env";
import { defineXml, guestXml, removeDomain, virsh } from "../tests/integration/support/virsh";
import { mintToken } from "./support/api-token";
import { E2E_BASE_URL } from "./support/constants";
import { addLabHost, removeHost } from "./support/lab-host";
import { signIn } from "./support/sign-in";

const lab = labEnv();
const suffix = Date.now().toString(36);
const hostName = `lab-api-${suffix}`;
const guest = `e2e-api-${suffix}`;

test.describe.configure({ mode: "serial" });
let token = "";

test.beforeAll(async ({ browser }) => {
  await defineXml(lab.LAB_URI, await guestXml(lab, guest));
  const page = await browser.newPage();
  await signIn(page);
  await addLabHost(page, hostName);
  await page.close();
  token = (await mintToken(`e2e ${suffix}`)).token;
});

test.afterAll(async ({ browser }) => {
  await removeDomain(lab.LAB_URI, guest);
  const page = await browser.newPage();
  await signIn(page);
  await removeHost(page, hostName);
  await page.goto("/settings");
  const row = page.getByTestId("api-token-row").filter({ hasText: `e2e ${suffix}` });
  await row.getByRole("button", { name: `Revoke e2e ${suffix}` }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Revoke token" }).click();
  await expect(row).toHaveCount(0);
  await page.close();
});

test("every lifecycle action works through the API with a token", async () => {
  expect(token).toMatch(/^vdk_/);
  const api = await apiRequest.newContext({
    baseURL: E2E_BASE_URL,
    extraHTTPHeaders: { authorization: `Bearer ${token}` },
  });
  const find = async () => {
    const res = await api.get(`/api/v1/vms?q=${guest}`);
    expect(res.status()).toBe(200);
    return ((await res.json()) as { vms: { id: string; name: string; state: string }[] }).vms.find(
      (v) => v.name === guest,
    );
  };
  await expect.poll(async () => (await find())?.state, { timeout: 15_000 }).toBe("shut off");
  const vm = (await find())!;
  expect((await (await api.get(`/api/v1/vms/${vm.id}`)).json()).vm.uuid).toBe(
    await virsh(lab.LAB_URI, "domuuid", guest),
  );

  const act = (action: string) => api.post(`/api/v1/vms/${vm.id}/actions/${action}`);
  const steps: [string, string][] = [
    ["start", "running"],
    ["suspend", "paused"],
    ["resume", "running"],
    ["reboot", "running"],
    ["reset", "running"],
    ["shutdown", "running"], // ACPI request accepted; the busybox guest has no ACPI daemon
    ["destroy", "shut off"],
  ];
  for (const [action, state] of steps) {
    const res = await act(action);
    expect(res.status(), `${action}: ${await res.text()}`).toBe(200);
    expect(await virsh(lab.LAB_URI, "domstate", guest)).toBe(state);
    expect(((await res.json()) as { vm: { state: string } }).vm.state).toBe(state);
  }

  // libvirt's own words, with a status that says it is a conflict with the VM's state.
  const refused = await act("suspend");
  expect(refused.status()).toBe(409);
  expect((await refused.json()).error).toBe(
    "Requested operation is not valid: domain is not running",
  );
  expect((await act("teleport")).status()).toBe(400);
  expect((await api.get("/api/v1/vms/no-such-id")).status()).toBe(404);
  await api.dispose();
});

test("API requests without a token or with a wrong one are refused with 401", async () => {
  const anonymous = await apiRequest.newContext({ baseURL: E2E_BASE_URL });
  const attempts: Record<string, string>[] = [
    {},
    { authorization: "Bearer vdk_wrong" },
    { authorization: "Basic YWRtaW46eA==" },
  ];
  for (const headers of attempts) {
    const res = await anonymous.get("/api/v1/vms", { headers });
    expect(res.status()).toBe(401);
    expect((await res.json()).error).toContain("API token");
  }
  const res = await anonymous.post("/api/v1/vms/x/actions/start");
  expect(res.status()).toBe(401);
  await anonymous.dispose();
});
