// A real Prometheus (Debian's package) scrapes the test server's /metrics with a read-only scrape
// token (privilege-separated, Auditor on /), and its HTTP API is the oracle: rate() of a busy
// guest's CPU time agrees with Virtdeck's own CPU %, and of the idle standing guest too. The
// token cannot change anything.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import {
  freshGuestName,
  removeTinyGuest,
  startTinyGuest,
  typeOnConsole,
} from "../tests/integration/lab/tiny-guest";
import { labEnv } from "../tests/integration/support/lab-env";
import { virsh } from "../tests/integration/support/virsh";
import { mintToken } from "./support/api-token";
import { E2E_PORT, SAME_ORIGIN } from "./support/constants";
import { addLabHost, removeHost } from "./support/lab-host";
import { signIn } from "./support/sign-in";

const lab = labEnv();
const PROM_PORT = E2E_PORT + 13;
const PROM = `http://127.0.0.1:${PROM_PORT}`;
const hostName = `lab-prom-${randomBytes(3).toString("hex")}`;
const busy = freshGuestName("vd-e2e-prom");
const dir = mkdtempSync(path.join(tmpdir(), "virtdeck-prometheus-"));
let prometheus: ChildProcess | null = null;
let scrape: Awaited<ReturnType<typeof mintToken>>;

test.describe.configure({ mode: "serial" });

test.beforeAll(async ({ browser }) => {
  test.setTimeout(150_000);
  const page = await browser.newPage();
  await signIn(page);
  await addLabHost(page, hostName);
  scrape = await mintToken(`prometheus-${randomBytes(2).toString("hex")}`, { privsep: true });
  const grant = await page.request.post(`/api/v1/tokens/${scrape.id}/acl`, {
    headers: SAME_ORIGIN,
    data: { path: "/", role: "Auditor" },
  });
  expect(grant.ok(), await grant.text()).toBe(true);
  await page.close();
  writeFileSync(
    path.join(dir, "prometheus.yml"),
    [
      // Scrapes as slow as the rounds: on a loaded machine a 2 s scrape times out, and rate() over
      // a window with missing samples reads low.
      "global: { scrape_interval: 5s, scrape_timeout: 5s, evaluation_interval: 5s }",
      "scrape_configs:",
      "  - job_name: virtdeck",
      "    metrics_path: /metrics",
      `    authorization: { credentials: ${scrape.token} }`,
      `    static_configs: [{ targets: ["127.0.0.1:${E2E_PORT}"] }]`,
      "",
    ].join("\n"),
  );
  prometheus = spawn(
    "prometheus",
    [
      `--config.file=${path.join(dir, "prometheus.yml")}`,
      `--storage.tsdb.path=${path.join(dir, "data")}`,
      `--web.listen-address=127.0.0.1:${PROM_PORT}`,
    ],
    { stdio: "ignore" },
  );
  await startTinyGuest(lab, busy);
  await typeOnConsole(lab.LAB_URI, busy, "yes >/dev/null\n"); // keeps its one vCPU busy
});

test.afterAll(async ({ browser }) => {
  prometheus?.kill("SIGTERM");
  await removeTinyGuest(lab, busy);
  rmSync(dir, { recursive: true, force: true });
  const page = await browser.newPage();
  await signIn(page);
  await removeHost(page, hostName);
  await page.close();
});

/** One value of a PromQL expression per domain label, through Prometheus's HTTP API. */
async function promQuery(expr: string, at?: number): Promise<Map<string, number>> {
  const time = at === undefined ? "" : `&time=${at}`;
  const r = await fetch(`${PROM}/api/v1/query?query=${encodeURIComponent(expr)}${time}`);
  const body = (await r.json()) as {
    data?: { result: { metric: Record<string, string>; value: [number, string] }[] };
  };
  return new Map((body.data?.result ?? []).map((s) => [s.metric.domain ?? "", Number(s.value[1])]));
}

test("Prometheus's rate() of CPU time agrees with Virtdeck's CPU %", async ({ page }) => {
  test.setTimeout(240_000);
  const rate = `100 * rate(libvirt_domain_info_cpu_time_seconds_total{host="${hostName}"}[60s])`;
  await signIn(page);
  const { vms } = (await (await page.request.get("/api/v1/vms")).json()) as {
    vms: { id: string; name: string; hostName: string }[];
  };
  /** Virtdeck's mean CPU over its 5 s points of the last 60 s, and Prometheus's rate() then. */
  const both = async (name: string) => {
    const vm = vms.find((v) => v.name === name && v.hostName === hostName)!;
    const r = await page.request.get(`/api/v1/vms/${vm.id}/metrics?range=hour&cf=avg`);
    const { history } = (await r.json()) as {
      history: { t: number[]; values: { cpu: (number | null)[] } };
    };
    const last = history.t[history.t.length - 1] ?? 0;
    const inWindow = history.t.flatMap((t, i) =>
      t > last - 60 ? [history.values.cpu[i] ?? 0] : [],
    );
    const ours = inWindow.reduce((a, b) => a + b, 0) / Math.max(1, inWindow.length);
    return { ours, theirs: (await promQuery(rate, last)).get(name), points: inWindow.length };
  };
  // Until both sides hold a whole 60 s window of the guest running busy (Prometheus started with
  // this spec, the guest just booted) their windows cover different things: wait for that; then
  // they must agree.
  let busyNow = { ours: 0, theirs: undefined as number | undefined, points: 0 };
  await expect
    .poll(
      async () => {
        busyNow = await both(busy);
        return busyNow.points >= 12 && busyNow.theirs !== undefined
          ? Math.abs(busyNow.ours - busyNow.theirs)
          : 100;
      },
      { timeout: 180_000, intervals: [5000], message: "the busy guest's CPU on both sides" },
    )
    .toBeLessThan(10);
  expect(busyNow.ours).toBeGreaterThan(50);
  const idle = await both(lab.LAB_GUEST_NAME);
  expect(idle.theirs, "Prometheus has the standing guest").toBeDefined();
  expect(Math.abs(idle.ours - (idle.theirs ?? 100))).toBeLessThan(10);
  expect(idle.ours).toBeLessThan(30);
  // The same names the community exporter uses, labelled with the host and the UUID.
  const uuid = await virsh(lab.LAB_URI, "domuuid", busy);
  const labelled = await fetch(
    `${PROM}/api/v1/series?match[]=${encodeURIComponent(`libvirt_domain_info_virtual_cpus{uuid="${uuid}"}`)}`,
  );
  const series = ((await labelled.json()) as { data: Record<string, string>[] }).data;
  expect(series[0]).toMatchObject({ domain: busy, host: hostName, uuid });
});

test("the scrape token reads but cannot change anything", async () => {
  expect((await scrape.api.get("/metrics")).status()).toBe(200);
  const { vms } = (await (await scrape.api.get(`/api/v1/vms?q=${lab.LAB_GUEST_NAME}`)).json()) as {
    vms: { id: string; name: string; hostName: string }[];
  };
  const tiny = vms.find((v) => v.name === lab.LAB_GUEST_NAME && v.hostName === hostName)!;
  const refused = await scrape.api.post(`/api/v1/vms/${tiny.id}/actions/destroy`);
  expect(refused.status()).toBe(403);
  expect(await virsh(lab.LAB_URI, "domstate", lab.LAB_GUEST_NAME)).toBe("running");
});
