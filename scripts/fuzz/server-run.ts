// Parts 2 and 3 of the fuzz run against one real Virtdeck server (production build, fresh data
// dir, the lab's host 1 added): a warm-up, the WebSocket part, the API part, with the server
// watched throughout (health probes, RSS, memory after a full GC); the rows of the report and
// what the server's audit log says it changed.
import { ADMIN_PASSWORD, ApiClient, type BenchServer, freePort, startServer } from "../bench/api";
import { fuzzApi } from "./api-fuzz";
import { FAMILIES, routesOf } from "./api-routes";
import { serverChanges } from "./audit-check";
import { MARKER } from "./lab-snapshot";
import { rssMiB, watch } from "./monitor";
import type { Prng } from "./prng";
import { atLeast, info, none, printDetails, type Row } from "./report";
import { type MemoryAfterGc, memoryAfterGc } from "./server-memory";
import { Tally } from "./tally";
import { fuzzWebSockets } from "./ws-fuzz";

/** End RSS may exceed the RSS after warm-up by this much (both after a full GC) and be steady. */
const STEADY_MIB = 64;
/** The warm-up, the same at every scale: bodies per API family and WebSocket frames. */
const WARM_UP = { bodies: 100, frames: 200 };

export interface ServerPlan {
  root: Prng;
  /** Host 1's URI, and the name of its guest whose consoles get tickets. */
  labUri: string;
  guest: string;
  port: number;
  targets: { frames: number; bodies: number };
  /** Told the phase that starts ("warm-up", "ws", "api hosts", …). */
  onPhase: (name: string) => void;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const secs = (since: number) => `${((Date.now() - since) / 1000).toFixed(0)} s`;

async function waitForGuest(api: ApiClient, name: string): Promise<string> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    const { vms } = await api.json<{ vms: { id: string; name: string; state: string }[] }>(
      "GET",
      "/api/v1/vms",
    );
    const vm = vms.find((v) => v.name === name);
    if (vm?.state === "running") return vm.id;
    await sleep(500);
  }
  throw new Error(`the lab VM ${name} is not running in Virtdeck's inventory after 90 s`);
}

type Prepared = Awaited<ReturnType<typeof prepare>>;

/** Signs in, mints the API token the fuzzer also uses, adds the lab host, finds its guest. */
async function prepare(server: BenchServer, labUri: string, guest: string) {
  const api = new ApiClient(server.baseUrl);
  await api.signIn();
  const { token } = await api.json<{ token: string }>("POST", "/api/v1/tokens", {
    name: `${MARKER}-token`,
    password: ADMIN_PASSWORD,
  });
  await api.addHost(`${MARKER}-lab`, labUri);
  const vmId = await waitForGuest(api, guest);
  const doc = await api.json<Parameters<typeof routesOf>[0]>("GET", "/api/v1/openapi.json");
  return { api, token, vmId, routes: routesOf(doc) };
}

/** Both credentials still work after the run (nothing the fuzzer sent ended them). */
async function credentialsIntact(api: ApiClient, token: string): Promise<boolean> {
  const withCookie = await api.request("GET", "/api/v1/access/me");
  const res = await fetch(`${api.baseUrl}/api/v1/access/me`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return withCookie.status === 200 && res.status === 200;
}

function wsRows(
  ws: Awaited<ReturnType<typeof fuzzWebSockets>>,
  warm: typeof ws,
  target: number,
): Row[] {
  const frames = ws.frames.events + ws.frames.consoles;
  return [
    atLeast("WebSocket frames and control messages", frames, target),
    info("  to /ws/events / /ws/consoles", `${ws.frames.events} / ${ws.frames.consoles}`),
    info("  probes / refused upgrades checked", `${ws.probes} / ${ws.upgrades}`),
    none("  WebSocket failures", ws.failures + warm.failures),
    none("  WebSocket hangs (probe unanswered in 2 s)", ws.hangs + warm.hangs),
  ];
}

function apiRows(
  api: Awaited<ReturnType<typeof fuzzApi>>,
  unknownErrors: number,
  target: number,
): Row[] {
  return [
    ...FAMILIES.map((f) => {
      const c = api.families[f];
      return f === "audit"
        ? atLeast(`API ${f}: query strings`, c.reads, target)
        : atLeast(`API ${f}: bodies (+ ${c.reads} reads)`, c.bodies, target);
    }),
    info("  routes fuzzed", `${api.routes.fuzzed} of ${api.routes.total}`),
    none("  API 5xx, unclear 4xx, wrongly accepted (incl. warm-up)", api.failures),
    none("  API hangs (no answer in 30 s)", api.hangs),
    none("  server errors logged with an id", unknownErrors),
  ];
}

interface ServerRun {
  ws: Awaited<ReturnType<typeof fuzzWebSockets>>;
  warmWs: Awaited<ReturnType<typeof fuzzWebSockets>>;
  api: Awaited<ReturnType<typeof fuzzApi>>;
  apiTally: Tally;
  monitor: ReturnType<typeof watch>;
  rssStart: number;
  warm: MemoryAfterGc;
  end: MemoryAfterGc;
  intact: boolean;
  unknownErrors: number;
  exited: number | string | null;
}

/** Warm-up, then parts 2 and 3, with the server watched throughout. */
async function runAgainst(
  server: BenchServer,
  inspectPort: number,
  plan: ServerPlan,
  p: Prepared,
): Promise<ServerRun> {
  const { root, targets } = plan;
  const target = {
    baseUrl: server.baseUrl,
    port: plan.port,
    cookie: p.api.cookie,
    token: p.token,
    vmId: p.vmId,
  };
  const rssStart = rssMiB(server.pid);
  const monitor = watch(server.pid, `${server.baseUrl}/api/v1/access/me`, {
    authorization: `Bearer ${p.token}`,
  });
  const apiTally = new Tally();
  const phase = (name: string) => {
    plan.onPhase(name);
    monitor.phase = name;
  };
  phase("warm-up");
  await fuzzApi(root.fork("api-warm-up"), target, p.routes, WARM_UP.bodies, apiTally, "warm-up");
  const warmWs = await fuzzWebSockets(root.fork("ws-warm-up"), target, WARM_UP.frames);
  const warm = await memoryAfterGc(inspectPort);
  phase("ws");
  const t = Date.now();
  const ws = await fuzzWebSockets(root.fork("ws"), target, targets.frames);
  console.log(`  ws: ${ws.frames.events + ws.frames.consoles} frames in ${secs(t)}`);
  const api = await fuzzApi(
    root.fork("api"),
    target,
    p.routes,
    targets.bodies,
    apiTally,
    "api",
    (f) => phase(`api ${f}`),
  );
  const end = await memoryAfterGc(inspectPort);
  monitor.stop();
  return {
    ws,
    warmWs,
    api,
    apiTally,
    monitor,
    rssStart,
    warm,
    end,
    intact: await credentialsIntact(p.api, p.token),
    unknownErrors: (server.output().match(/\[virtdeck\] error [0-9a-f]+:/g) ?? []).length,
    exited: server.exited(),
  };
}

function printServerDetails(run: ServerRun): void {
  printDetails("WebSocket", run.ws.tally);
  printDetails("API", run.apiTally);
  if (run.api.routes.missed.length)
    console.log(`routes not drawn: ${run.api.routes.missed.join(", ")}`);
  const slow = run.monitor.slowProbes;
  if (slow.length)
    console.log(`health probes over 2 s (${slow.length}): ${slow.slice(0, 10).join("; ")}`);
  const every5s = run.monitor.rssSamples.filter((_, i) => i % 5 === 0).map((x) => x.toFixed(0));
  console.log(
    `\nServer RSS MiB every 5 s (no forced GC) from the warm-up on: ${every5s.join(" ")}`,
  );
}

function serverRows(run: ServerRun, targets: ServerPlan["targets"]): Row[] {
  const mib = (x: number) => x.toFixed(0);
  const { monitor, warm, end } = run;
  return [
    ...wsRows(run.ws, run.warmWs, targets.frames),
    ...apiRows(run.api, run.unknownErrors, targets.bodies),
    none("Server crashes (process exit)", run.exited === null ? 0 : 1),
    none(`Server hangs (health probe over 2 s, of ${monitor.probes})`, monitor.slowProbes.length),
    info("  slowest health probe", `${monitor.slowestProbeMs} ms`),
    {
      what: "Server RSS MiB: start / after warm-up* / peak / end* (*after a full GC)",
      figure: [run.rssStart, warm.rssMiB, monitor.peakRssMiB, end.rssMiB].map(mib).join(" / "),
      target: `steady: end ≤ warm-up + ${STEADY_MIB}`,
      ok: end.rssMiB <= warm.rssMiB + STEADY_MIB,
    },
    info(
      "  JS heap in use after a full GC: warm-up / end",
      `${mib(warm.heapUsedMiB)} / ${mib(end.heapUsedMiB)} MiB`,
    ),
    {
      what: "Session cookie and API token still valid",
      figure: run.intact ? "yes" : "no",
      target: "yes",
      ok: run.intact,
    },
  ];
}

/** Parts 2 and 3 against one real server: the rows of the report, and what the server changed. */
export async function fuzzServer(plan: ServerPlan) {
  const inspectPort = await freePort();
  const server = await startServer({ port: plan.port, inspectPort });
  try {
    const prepared = await prepare(server, plan.labUri, plan.guest);
    const run = await runAgainst(server, inspectPort, plan, prepared);
    printServerDetails(run);
    return { rows: serverRows(run, plan.targets), changes: await serverChanges(prepared.api) };
  } finally {
    plan.onPhase("stop");
    await server.stop();
  }
}
