// The task panel under every page, in Chromium against the real server and the lab's libvirtd:
// an upload sent slowly from outside the browser (as curl would, with the operator's session)
// appears in two open tabs live, with its progress, stays there across a reload while it runs,
// and ends as succeeded in both without a reload; virsh is the oracle for the volume. The
// panel's open or closed state survives a reload.
import { randomBytes } from "node:crypto";
import { expect, type Page, test } from "@playwright/test";
import { labEnv } from "../tests/integration/support/lab-env";
import { virsh } from "../tests/integration/support/virsh";
import { createLabPool, type LabPool } from "../tests/integration/vms/lab-pool";
import { E2E_BASE_URL, SAME_ORIGIN } from "./support/constants";
import { waitForLive } from "./support/hosts";
import { addLabHost, removeHost } from "./support/lab-host";
import { signIn } from "./support/sign-in";

const lab = labEnv();
const hostName = `lab-tasks-${randomBytes(3).toString("hex")}`;
const volume = "slow-upload.img";
const MIB = 1 << 20;
const STEPS = 10;
let pool: LabPool;
let hostId = "";

test.describe.configure({ mode: "serial" });

test.beforeAll(async ({ browser }) => {
  pool = await createLabPool(lab.LAB_URI, "vd-e2e-tasks");
  const page = await browser.newPage();
  await signIn(page);
  await addLabHost(page, hostName);
  const r = await page.request.get("/api/v1/hosts");
  const hosts = ((await r.json()) as { hosts: { id: string; name: string }[] }).hosts;
  hostId = hosts.find((h) => h.name === hostName)?.id ?? "";
  await page.close();
});

test.afterAll(async ({ browser }) => {
  await pool?.remove();
  const page = await browser.newPage();
  await signIn(page);
  await removeHost(page, hostName);
  await page.close();
});

/** Sends STEPS MiB, one every 400 ms, with the page's session, as a client outside the browser. */
async function slowUpload(page: Page): Promise<Response> {
  const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (sent === STEPS) return controller.close();
      if (sent > 0) await new Promise((r) => setTimeout(r, 400));
      controller.enqueue(randomBytes(MIB));
      sent++;
    },
  });
  const url = `${E2E_BASE_URL}/api/v1/hosts/${hostId}/pools/${pool.name}/upload?name=${volume}&format=raw`;
  return fetch(url, {
    method: "PUT",
    body,
    headers: { cookie, ...SAME_ORIGIN, "content-length": String(STEPS * MIB) },
    duplex: "half",
  } as RequestInit);
}

const panelTask = (page: Page) =>
  page.getByTestId("panel-task").filter({ hasText: `Upload ${volume} into ${pool.name}` });

test("a task started elsewhere shows in every open tab live, across a reload, to its end", async ({
  page,
  context,
}) => {
  test.setTimeout(60_000);
  await signIn(page);
  const other = await context.newPage();
  for (const p of [page, other]) {
    await p.goto(p === page ? "/networks" : "/storage");
    await waitForLive(p);
    await expect(p.getByTestId("task-panel")).toBeVisible();
  }
  const uploading = slowUpload(page);
  for (const p of [page, other]) {
    await expect(panelTask(p)).toHaveAttribute("data-task-state", "running", { timeout: 10_000 });
    await expect(p.getByTestId("tasks-running")).toHaveText("1 running");
  }
  // The bar moves: a later reading is further than an earlier one.
  const percent = async () =>
    Number(((await panelTask(page).textContent()) ?? "").match(/(\d+) %/)?.[1] ?? -1);
  await expect.poll(percent, { timeout: 10_000 }).toBeGreaterThan(0);
  const first = await percent();
  await expect.poll(percent, { timeout: 10_000 }).toBeGreaterThan(first);
  // A reload reads the same running task from the server.
  await page.reload();
  await expect(panelTask(page)).toHaveAttribute("data-task-state", "running");

  const answer = await uploading;
  expect(answer.status, await answer.clone().text()).toBe(201);
  const { task } = (await answer.json()) as { task: { id: string; state: string } };
  expect(task.state).toBe("succeeded");
  for (const p of [page, other]) {
    await expect(panelTask(p)).toHaveAttribute("data-task-state", "succeeded", {
      timeout: 10_000,
    });
    await expect(p.getByTestId("tasks-running")).toHaveText("none running");
  }
  await expect(panelTask(page).getByRole("link")).toHaveAttribute("href", `/tasks/${task.id}`);
  expect(await virsh(lab.LAB_URI, "vol-info", "--bytes", "--pool", pool.name, volume)).toMatch(
    new RegExp(`Capacity:\\s+${STEPS * MIB} bytes`),
  );
  await other.close();
});

test("the panel stays closed or open across a reload", async ({ page }) => {
  await signIn(page);
  await page.goto("/vms");
  const toggle = page.getByRole("button", { name: /Tasks/ });
  await expect(toggle).toHaveAttribute("aria-expanded", "true");
  await toggle.click();
  await expect(page.getByTestId("task-panel")).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole("button", { name: /Tasks/ })).toHaveAttribute(
    "aria-expanded",
    "false",
  );
  await expect(page.getByTestId("task-panel")).toHaveCount(0);
  await page.getByRole("button", { name: /Tasks/ }).click();
  await expect(page.getByTestId("task-panel")).toBeVisible();
});
