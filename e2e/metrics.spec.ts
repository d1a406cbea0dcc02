// Metrics in Chromium against the real server and the lab's standing guest: the VM list's CPU
// column fills and moves on without a reload and sorts by usage; the VM page's CPU graph draws
// points, gains the live ones, and its hover readout says what the API says for that slot.
import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { formatMetric } from "../components/metrics/format-metric";
import { labEnv } from "../tests/integration/support/lab-env";
import { addLabHost, removeHost } from "./support/lab-host";
import { signIn } from "./support/sign-in";

const lab = labEnv();
const hostName = `lab-metrics-${randomBytes(3).toString("hex")}`;

test.describe.configure({ mode: "serial" });

test.beforeAll(async ({ browser }) => {
  const page = await browser.newPage();
  await signIn(page);
  await addLabHost(page, hostName);
  await page.close();
});

test.afterAll(async ({ browser }) => {
  const page = await browser.newPage();
  await signIn(page);
  await removeHost(page, hostName);
  await page.close();
});

test("the VM list's CPU column updates live and sorts by usage", async ({ page }) => {
  test.setTimeout(90_000);
  await signIn(page);
  await page.goto("/vms");
  const row = page
    .getByTestId("vm-row")
    .filter({ has: page.getByRole("link", { name: lab.LAB_GUEST_NAME, exact: true }) })
    .filter({ hasText: hostName });
  const cpu = row.getByTestId("vm-cpu");
  await expect(cpu.getByTestId("vm-cpu-value")).toHaveText(/^\d+(\.\d)? %$/, { timeout: 30_000 });
  const first = await cpu.getAttribute("data-at");
  // The next round arrives over /ws/events: the same page, a newer sample.
  await expect(cpu).not.toHaveAttribute("data-at", first ?? "", { timeout: 20_000 });

  await page.getByRole("button", { name: /^CPU/ }).click();
  await page.getByRole("button", { name: /^CPU/ }).click();
  await expect(page.getByRole("columnheader", { name: /CPU/ })).toHaveAttribute(
    "aria-sort",
    "descending",
  );
  const values = await page.getByTestId("vm-cpu").evaluateAll((cells) =>
    cells.map((c) => {
      const v = c.querySelector("[data-testid=vm-cpu-value]")?.textContent ?? "";
      return v ? Number.parseFloat(v) : -1;
    }),
  );
  const running = values.filter((v) => v >= 0);
  expect(running.length).toBeGreaterThan(0);
  // Highest first, and VMs with no usage (not running) after all that have one.
  expect(running).toEqual([...running].sort((a, b) => b - a));
  expect(values.slice(0, running.length)).toEqual(running);
});

test("the VM page's CPU graph draws points, gains live ones, and its readout equals the API", async ({
  page,
}) => {
  test.setTimeout(90_000);
  await signIn(page);
  const r = await page.request.get(`/api/v1/vms?q=${lab.LAB_GUEST_NAME}`);
  const { vms } = (await r.json()) as { vms: { id: string; name: string; hostName: string }[] };
  const vm = vms.find((v) => v.name === lab.LAB_GUEST_NAME && v.hostName === hostName)!;
  await page.goto(`/vms/${vm.id}/metrics`);
  const graph = page.locator('[data-testid=metrics-graph][data-graph="CPU"]');
  await expect(graph.locator("canvas").first()).toBeVisible();
  await expect(graph).not.toHaveAttribute("data-points", "0", { timeout: 30_000 });
  const before = Number(await graph.getAttribute("data-points"));
  await expect
    .poll(async () => Number(await graph.getAttribute("data-points")), { timeout: 20_000 })
    .toBeGreaterThan(before);

  // Hover from the right edge leftwards until the pointer is over a slot with a point.
  const over = graph.locator(".u-over");
  const box = (await over.boundingBox())!;
  const readout = graph.getByTestId("graph-readout");
  let text = "";
  for (let x = box.width - 1; x > box.width - 120; x -= 2) {
    await page.mouse.move(box.x + x, box.y + box.height / 2);
    text = (await readout.textContent()) ?? "";
    if (/CPU \d/.test(text)) break;
  }
  const match = /^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d) UTC · CPU (.+)$/.exec(text);
  expect(match, text).not.toBeNull();
  const t = Date.parse(`${match![1]!.replace(" ", "T")}Z`) / 1000;
  const api = await page.request.get(`/api/v1/vms/${vm.id}/metrics?range=hour&cf=avg`);
  const { history } = (await api.json()) as {
    history: { t: number[]; values: { cpu: (number | null)[] } };
  };
  const i = history.t.indexOf(t);
  expect(i, `slot ${t} in the API's history`).toBeGreaterThanOrEqual(0);
  expect(match![2]).toBe(formatMetric(history.values.cpu[i], "percent"));
});
