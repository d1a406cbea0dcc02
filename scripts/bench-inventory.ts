/**
 * Benchmark report for issue 4's "Scale and speed" (not a timed test): run inside the lab with
 *   scripts/lab.sh exec npx tsx scripts/bench-inventory.ts [--loads 10] [--api-runs 50] [--changes 50]
 * after `npx next build`. In one run it
 *   (1) writes three libvirt test-driver fixtures with 334 + 333 + 333 domains,
 *   (2) starts a production Virtdeck on a free port with a fresh data dir, adds the three
 *       fixtures as hosts (POST /api/v1/hosts) and times the initial sync of the 1,000 VMs,
 *   (3) times GET /api/v1/vms (all 1,000; sequential, cookie auth), then the same list for a
 *       user whose 50 grants show them every VM against the administrator, and live events to
 *       50 open sockets of each (scripts/bench/permissions.ts),
 *   (4) times fresh loads of /vms in Debian's Chromium: first contentful paint and the frame
 *       that shows the 1,000-VM count,
 *   (5) times event to screen on the real QEMU lab: a dedicated tiny guest is started and
 *       destroyed with virsh while /vms is open, from just before virsh is spawned to the frame
 *       that paints the row's new state,
 * then prints the figures beside the targets. It exits 0 when a target is missed (it is a
 * report) and non-zero only when the benchmark itself fails. Loopback and the lab only.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { cpus, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { chromium } from "@playwright/test";
import { chromiumLaunchOptions } from "../e2e/support/chromium";
import { labEnv } from "../tests/integration/support/lab-env";
import { ADMIN_PASSWORD, ApiClient, startServer } from "./bench/api";
import { type ChangeTiming, type LoadTiming, loadOnce } from "./bench/browser";
import { defineBenchGuest, eventToScreen } from "./bench/event-to-screen";
import { writeFixtures } from "./bench/fixtures";
import { measurePermissions } from "./bench/permissions";
import { fmtBytes, fmtMs, msSince, type Summary, summarize, waitFor } from "./bench/stats";

const { values } = parseArgs({
  options: {
    loads: { type: "string", default: "10" },
    "api-runs": { type: "string", default: "50" },
    changes: { type: "string", default: "50" },
    sockets: { type: "string", default: "50" },
  },
});
const LOADS = Number(values.loads);
const API_RUNS = Number(values["api-runs"]);
const CHANGES = Number(values.changes);
const SOCKETS = Number(values.sockets);
const COUNTS = [334, 333, 333];
const TOTAL = COUNTS.reduce((a, b) => a + b, 0);

process.chdir(fileURLToPath(new URL("..", import.meta.url))); // server.ts and .next live here
const lab = labEnv(); // throws unless the lab is up and this runs in its namespace
const cleanups: (() => Promise<unknown>)[] = [];
const rows: [string, string, string, string][] = []; // what, figure, target, verdict
const notes: string[] = [];
const row = (what: string, figure: string, target = "", met?: boolean) =>
  rows.push([what, figure, target, met === undefined ? "" : met ? "met" : "MISSED"]);
let serverOutput = () => "";
const spread = (s: Summary) => `p50 ${fmtMs(s.p50)}, p95 ${fmtMs(s.p95)}, max ${fmtMs(s.max)}`;

interface HostRow {
  id: string;
  name: string;
  status: string;
  lastError: string | null;
}
interface VmRow {
  hostName: string;
  state: string;
}

async function run(): Promise<void> {
  // (1) Fixtures, read by the lab's libvirtd: absolute paths on this machine.
  const dir = await mkdtemp(path.join(tmpdir(), "virtdeck-bench-"));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  const fixtures = await writeFixtures(dir, COUNTS);

  // (2) Server, sign-in, hosts, initial sync.
  const server = await startServer();
  serverOutput = server.output;
  cleanups.push(() => server.stop());
  const api = new ApiClient(server.baseUrl);
  cleanups.push(async () => api.close());
  await api.signIn();
  const t0 = process.hrtime.bigint();
  for (const f of fixtures) await api.addHost(f.name, f.uri);
  const online = new Map<string, number>();
  await waitFor(
    "every fixture host online (initial sync done)",
    async () => {
      const { hosts } = await api.json<{ hosts: HostRow[] }>("GET", "/api/v1/hosts");
      for (const h of hosts) {
        if (h.status === "online" && !online.has(h.name)) online.set(h.name, msSince(t0));
        if (h.status === "offline") throw new Error(`${h.name} went offline: ${h.lastError}`);
      }
      return online.size === fixtures.length ? true : undefined;
    },
    180_000,
    100,
  );
  const { vms } = await api.json<{ vms: VmRow[] }>("GET", "/api/v1/vms");
  const syncMs = msSince(t0);
  const running = vms.filter((v) => v.state === "running").length;
  const expectedRunning = fixtures.reduce((a, f) => a + f.running, 0);
  if (vms.length !== TOTAL || running !== expectedRunning)
    throw new Error(
      `after the sync the API lists ${vms.length} VMs (${running} running), expected ${TOTAL} (${expectedRunning} running)`,
    );
  row(`initial sync, ${TOTAL} VMs on 3 hosts`, fmtMs(syncMs));
  notes.push(
    `sync: from the first POST /api/v1/hosts; hosts online at ${[...online]
      .map(([n, t]) => `${n} ${fmtMs(t)}`)
      .join(", ")} (all three sync at once)`,
  );

  // (3) The JSON list, sequential requests on one keep-alive connection.
  for (let i = 0; i < 5; i++) await api.request("GET", "/api/v1/vms"); // warm-up
  const apiMs: number[] = [];
  let size = { wire: 0, json: 0, encoding: null as string | null };
  for (let i = 0; i < API_RUNS; i++) {
    const t = process.hrtime.bigint();
    const res = await api.request("GET", "/api/v1/vms");
    apiMs.push(msSince(t));
    if (res.status !== 200) throw new Error(`GET /api/v1/vms: ${res.status}`);
    size = { wire: res.wireBytes, json: Buffer.byteLength(res.body), encoding: res.encoding };
  }
  const apiS = summarize(apiMs);
  row(`GET /api/v1/vms (${TOTAL} VMs), ${API_RUNS} runs`, spread(apiS), "< 200 ms", apiS.p95 < 200);
  notes.push(
    `API response: ${fmtBytes(size.json)} of JSON, ${fmtBytes(size.wire)} on the wire (${size.encoding ?? "uncompressed"})`,
  );

  // (3b) What permission checks cost: a user with 50 grants against the administrator.
  const perm = await measurePermissions(api, { runs: API_RUNS, sockets: SOCKETS, changes: 40 });
  const ratio = perm.user.p50 / perm.admin.p50;
  row(
    `GET /api/v1/vms as a user with ${perm.grants} grants (sees ${perm.visible})`,
    `${spread(perm.user)}; ${ratio.toFixed(2)}× admin's p50`,
    "≤ 1.2× admin",
    ratio <= 1.2,
  );
  row("  ... as the administrator, interleaved", spread(perm.admin));
  const fanRatio = perm.socketsUser.p50 / perm.socketsAdmin.p50;
  row(
    `a change to ${perm.sockets} open sockets of that user, each message checked`,
    `${spread(perm.socketsUser)}; ${fanRatio.toFixed(2)}× admin's`,
  );
  row(`  ... to ${perm.sockets} sockets of the administrator`, spread(perm.socketsAdmin));
  notes.push(
    `permissions: the user's grants are Operator on each of the 3 hosts and VMUser on 47 single VMs (a VM's own grant replaces its host's), so both lists are the same 1,000 VMs and the difference is the checks; socket figures are ${perm.changes} label changes through the API, from the request to the last of the ${perm.sockets} sockets holding the message`,
  );

  // (4) Fresh loads of /vms in Chromium (cold HTTP cache, session cookie only).
  const browser = await chromium.launch(chromiumLaunchOptions);
  cleanups.push(() => browser.close());
  const signedIn = await browser.newContext({ baseURL: server.baseUrl });
  const login = await signedIn.request.post("/api/v1/auth/login", {
    data: { username: "admin", password: ADMIN_PASSWORD },
  });
  if (!login.ok()) throw new Error(`browser sign-in: ${login.status()}`);
  const storageState = await signedIn.storageState();
  await signedIn.close();
  const countText = `${TOTAL} VMs`;
  await loadOnce(browser, server.baseUrl, storageState, "/vms", countText); // warm-up
  const loads: LoadTiming[] = [];
  for (let i = 0; i < LOADS; i++)
    loads.push(await loadOnce(browser, server.baseUrl, storageState, "/vms", countText));
  const fcp = summarize(loads.map((l) => l.fcp));
  const count = summarize(loads.map((l) => l.countVisible));
  row(`/vms first contentful paint, ${LOADS} loads`, spread(fcp), "< 1 s", fcp.p95 < 1000);
  row(`/vms "${countText}" count drawn`, spread(count));
  const last = loads.at(-1)!;
  notes.push(
    `/vms: TTFB ${spread(summarize(loads.map((l) => l.ttfb)))}; load event p50 ${fmtMs(
      summarize(loads.map((l) => l.load)).p50,
    )}; HTML ${fmtBytes(last.htmlBytes)} (${fmtBytes(last.htmlWireBytes)} on the wire); "count drawn" is the requestAnimationFrame of the frame that first holds the count, just before its paint`,
  );

  // (5) Event to screen on the real QEMU host.
  const guest = `vd-bench-${Date.now().toString(36)}`;
  cleanups.push(await defineBenchGuest(lab, guest));
  const ev = await eventToScreen({
    browser,
    baseUrl: server.baseUrl,
    storageState,
    api,
    lab,
    guest,
    changes: CHANGES,
    budgetMs: 300_000,
  });
  const n = ev.timings.length;
  const of = (pick: (t: ChangeTiming) => number, only?: string) =>
    summarize(ev.timings.filter((t) => !only || t.expected === only).map(pick));
  const fromExit = of((t) => t.fromExit);
  const fromIssue = of((t) => t.fromIssue);
  row(
    `event to screen, ${n} changes, from virsh's exit`,
    spread(fromExit),
    "p95 < 1 s",
    fromExit.p95 < 1000,
  );
  for (const state of ["running", "shut off"])
    row(`  ... to "${state}" only`, spread(of((t) => t.fromExit, state)));
  row("event to screen, from issuing virsh", spread(fromIssue), "p95 < 1 s", fromIssue.p95 < 1000);
  row("  ... of which virsh start/destroy itself", spread(of((t) => t.virshMs)));
  notes.push(
    `event to screen: ${n} alternating virsh start/destroy of ${ev.guest} on ${lab.LAB_URI} with /vms open and filtered to it; timed to the animation frame that draws the row's new state (requestAnimationFrame, just before its paint); the DOM had it ${spread(of((t) => t.domFromExit))} after virsh's exit${ev.skipped ? `; ${ev.skipped} changes skipped (time budget)` : ""}`,
  );
}

function printReport(): void {
  const header: [string, string, string, string] = ["measure", "figure", "target", ""];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) =>
    r
      .map((c, i) => c.padEnd(widths[i]!))
      .join("  ")
      .trimEnd();
  const load = loadavg().map((l) => l.toFixed(1));
  console.log(
    `\nVirtdeck inventory benchmark (${new Date().toISOString()}; ${cpus().length} CPUs, load average ${load.join(" ")} at the end)`,
  );
  console.log(line(header));
  console.log(line(widths.map((w) => "-".repeat(w))));
  for (const r of rows) console.log(line(r));
  for (const n of notes) console.log(`- ${n}`);
}

async function cleanUp(): Promise<void> {
  for (const c of cleanups.splice(0).reverse())
    await c().catch((e: unknown) => console.error("clean-up:", e));
}
process.once("SIGINT", () => void cleanUp().finally(() => process.exit(130)));

let failed = false;
try {
  await run();
} catch (error) {
  failed = true;
  console.error("benchmark failed:", error instanceof Error ? error.message : error);
  const tail = serverOutput().trim().split("\n").slice(-20).join("\n");
  if (tail) console.error(`last lines from the server:\n${tail}`);
} finally {
  await cleanUp();
}
printReport();
process.exit(failed ? 1 : 0);
