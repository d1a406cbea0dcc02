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
      "global: { scrape_interval: 2s, evaluation_interval: 2s }",
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
async function promQuery(expr: string): Promise<Map<string, number>> {
  const r = await fetch(`${PROM}/api/v1/query?query=${encodeURIComponent(expr)}`);
  const body = (await r.json()) as {
    data?: { result: { metric: Record<string, string>; value: [number, string] }[] };
  };
  return new Map((body.data?.result ?? []).map((s) => [s.metric.domain ?? "", Number(s.value[1])]));
}

test("Prometheus's rate() of CPU time agrees with Virtdeck's CPU %", async ({ page }) => {
  test.setTimeout(120_000);
  const expr = `100 * rate(libvirt_domain_info_cpu_time_seconds_total{host="${hostName}"}[20s])`;
  // 20 s of 2 s scrapes: wait until the busy guest's rate has a full window.
  await expect
    .poll(async () => (await promQuery(expr)).get(busy) ?? 0, {
      timeout: 90_000,
      intervals: [2000],
    })
    .toBeGreaterThan(70);
  await page.waitForTimeout(5_000); // a Virtdeck round inside the window
  const rates = await promQuery(expr);
  await signIn(page);
  const now = (await (await page.request.get("/api/v1/metrics/now")).json()) as {
    vms: Record<string, { name: string; hostId: string; sample: { cpu: number | null } }>;
  };
  const hosts = (await (await page.request.get("/api/v1/hosts")).json()) as {
    hosts: { id: string; name: string }[];
  };
  const hostId = hosts.hosts.find((h) => h.name === hostName)!.id;
  const ours = (name: string) =>
    Object.values(now.vms).find((v) => v.name === name && v.hostId === hostId)?.sample.cpu;
  for (const name of [busy, lab.LAB_GUEST_NAME]) {
    const theirs = rates.get(name);
    expect(theirs, `Prometheus has ${name}`).toBeDefined();
    // Prometheus averages 20 s, Virtdeck's sample is the last 5 s: within 10 points.
    expect(Math.abs((ours(name) ?? -100) - (theirs ?? 0)), name).toBeLessThan(10);
  }
  expect(rates.get(busy)).toBeGreaterThan(70);
  expect(rates.get(lab.LAB_GUEST_NAME)).toBeLessThan(30);
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
