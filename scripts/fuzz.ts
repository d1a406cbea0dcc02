// Fuzz and abuse run (issue #12), inside the lab's namespace:
//   ip netns exec virtdeck-lab npm run fuzz -- [--scale 1] [--seed N] [--port P]
//   npm run fuzz -- --seed N --rpc-case C     (replays one RPC client case the report named)
// 1. RPC: mutated and random packets into lib/libvirt's decoder, and into a real client
//    connected to an in-process fake daemon (scripts/fuzz/rpc-*.ts).
// 2. WebSocket: malformed frames and control messages to /ws/events and /ws/consoles of a real
//    Virtdeck server (production build, fresh data dir, the lab host added) (ws-*.ts).
// 3. API: mutated JSON bodies to every route family of /api/v1 (api-*.ts).
// Meanwhile the server's memory and liveness are watched, and virsh compares the lab before and
// after. Scale 1 is the full run of the issue (100,000 packets each way, 10,000 frames, 10,000
// bodies per family); npm test runs --scale 0.05. Exits non-zero on any missed target or failure.
import { readFileSync } from "node:fs";
import { LAB_ENV_JSON, type LabEnv, labEnv } from "../tests/integration/support/lab-env";
import { ADMIN_PASSWORD, ApiClient, type BenchServer, freePort, startServer } from "./bench/api";
import { fuzzApi } from "./fuzz/api-fuzz";
import { FAMILIES, routesOf } from "./fuzz/api-routes";
import { serverChanges } from "./fuzz/audit-check";
import { checkLab } from "./fuzz/lab-check";
import { labEpoch, MARKER, snapshotLab } from "./fuzz/lab-snapshot";
import { rssMiB, watch } from "./fuzz/monitor";
import { Prng, randomSeed } from "./fuzz/prng";
import { atLeast, info, none, printDetails, printTable, type Row } from "./fuzz/report";
import { fuzzClient } from "./fuzz/rpc-client";
import { fuzzDecoder } from "./fuzz/rpc-decoder";
import { type MemoryAfterGc, memoryAfterGc } from "./fuzz/server-memory";
import { Tally } from "./fuzz/tally";
import { fuzzWebSockets } from "./fuzz/ws-fuzz";

/** End RSS may exceed the RSS after warm-up by this much (both after a full GC) and be steady. */
const STEADY_MIB = 64;
/** The warm-up, the same at every scale: bodies per API family and WebSocket frames. */
const WARM_UP = { bodies: 100, frames: 200 };

function arg(name: string, fallback: number, min = Number.MIN_VALUE): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i > 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isFinite(v) || v < min) throw new Error(`--${name} needs a number ≥ ${min}`);
  return v;
}

const scale = arg("scale", 1);
const seed = arg("seed", randomSeed()) >>> 0;
// A free port unless one is asked for: several test runs may share the lab's namespace.
const port = process.argv.includes("--port") ? arg("port", 0) : await freePort();
const targets = {
  packets: Math.ceil(100_000 * scale),
  frames: Math.ceil(10_000 * scale),
  bodies: Math.ceil(10_000 * scale),
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const secs = (since: number) => `${((Date.now() - since) / 1000).toFixed(0)} s`;

/** Uncaught exceptions and unhandled rejections in this process, by the part that ran. */
const processErrors = new Tally();
let part = "set-up";
process.on("uncaughtException", (e) => processErrors.fail(part, `uncaught: ${e.stack ?? e}`));
process.on("unhandledRejection", (e) =>
  processErrors.fail(part, `unhandled rejection: ${String((e as Error)?.stack ?? e)}`),
);

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

/** Part 1, in this process: the decoder, then a client against the fake daemon. */
async function fuzzRpc(root: Prng): Promise<Row[]> {
  let t = Date.now();
  const decoder = fuzzDecoder(root.fork("rpc-decoder"), targets.packets);
  console.log(`  rpc decoder: ${decoder.packets} packets in ${secs(t)}`);
  t = Date.now();
  const client = await fuzzClient(root.fork("rpc-client"), targets.packets);
  console.log(`  rpc client: ${client.packets} packets in ${client.cases} cases in ${secs(t)}`);
  printDetails("RPC decoder", decoder.tally);
  printDetails("RPC client", client.tally);
  return [
    atLeast("RPC packets into the decoder", decoder.packets, targets.packets),
    none("  decoder crashes (untyped exceptions)", decoder.crashes),
    none("  decoder hangs (a packet over 1 s)", decoder.hangs),
    atLeast("RPC packets into a connected client", client.packets, targets.packets),
    none("  client untyped errors", client.untyped),
    none("  client hangs (unsettled 1 s after close/timeout)", client.hangs),
    none("  client bytes that were not packets", client.garbageFromClient),
  ];
}

function wsRows(ws: Awaited<ReturnType<typeof fuzzWebSockets>>, warm: typeof ws): Row[] {
  const frames = ws.frames.events + ws.frames.consoles;
  return [
    atLeast("WebSocket frames and control messages", frames, targets.frames),
    info("  to /ws/events / /ws/consoles", `${ws.frames.events} / ${ws.frames.consoles}`),
    info("  probes / refused upgrades checked", `${ws.probes} / ${ws.upgrades}`),
    none("  WebSocket failures", ws.failures + warm.failures),
    none("  WebSocket hangs (probe unanswered in 2 s)", ws.hangs + warm.hangs),
  ];
}

function apiRows(api: Awaited<ReturnType<typeof fuzzApi>>, unknownErrors: number): Row[] {
  return [
    ...FAMILIES.map((f) => {
      const c = api.families[f];
      return f === "audit"
        ? atLeast(`API ${f}: query strings`, c.reads, targets.bodies)
        : atLeast(`API ${f}: bodies (+ ${c.reads} reads)`, c.bodies, targets.bodies);
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
  root: Prng,
  p: Prepared,
): Promise<ServerRun> {
  const target = {
    baseUrl: server.baseUrl,
    port,
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
    part = name;
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

function serverRows(run: ServerRun): Row[] {
  const mib = (x: number) => x.toFixed(0);
  const { monitor, warm, end } = run;
  return [
    ...wsRows(run.ws, run.warmWs),
    ...apiRows(run.api, run.unknownErrors),
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
async function fuzzServer(root: Prng, labUri: string, guest: string) {
  const inspectPort = await freePort();
  const server = await startServer({ port, inspectPort });
  try {
    const prepared = await prepare(server, labUri, guest);
    const run = await runAgainst(server, inspectPort, root, prepared);
    printServerDetails(run);
    return { rows: serverRows(run), changes: await serverChanges(prepared.api) };
  } finally {
    part = "stop";
    await server.stop();
  }
}

/**
 * Host 1 as this process reaches it. A lab that gives host 1 its own mount namespace names its
 * socket in LAB_HOST1_URI (qemu:///system out here is then another daemon); an older lab
 * serves host 1 at LAB_URI itself.
 */
function host1Uri(lab: LabEnv): string {
  const env = JSON.parse(readFileSync(LAB_ENV_JSON, "utf8")) as Record<string, unknown>;
  return typeof env.LAB_HOST1_URI === "string" ? env.LAB_HOST1_URI : lab.LAB_URI;
}

/** `--rpc-case N`: replays one RPC client case of the run with this seed, as the report named it. */
async function replayRpcCase(root: Prng, index: number): Promise<number> {
  const client = await fuzzClient(root.fork("rpc-client"), 0, index);
  printDetails(`RPC client case ${index}`, client.tally);
  return client.hangs + client.untyped + processErrors.sum() === 0 ? 0 : 1;
}

async function main(): Promise<number> {
  if (process.argv.includes("--rpc-case"))
    return replayRpcCase(new Prng(seed), arg("rpc-case", 0, 0));
  const started = Date.now();
  const lab = labEnv();
  const hosts = { host1: host1Uri(lab), host2: lab.LAB_HOST2_URI };
  const root = new Prng(seed);
  console.log(
    `Virtdeck fuzz: seed ${seed} (replay with --seed ${seed} --scale ${scale}), scale ${scale}`,
  );
  const before = snapshotLab(hosts);
  const epoch = labEpoch(lab.LAB_STATE_DIR);
  part = "rpc";
  const report = await fuzzRpc(root);
  part = "server";
  const server = await fuzzServer(root, hosts.host1, lab.LAB_GUEST_NAME);
  report.push(...server.rows);
  // The one lab object the fuzzer uses: the guest whose consoles it opens.
  const targeted = (key: string) => key.startsWith(`host1 domain ${lab.LAB_GUEST_NAME} (`);
  const targetNames = `${lab.LAB_GUEST_NAME} on host 1`;
  const restarted = labEpoch(lab.LAB_STATE_DIR) !== epoch;
  const verdict = checkLab(before, restarted, hosts, targeted, targetNames, server.changes);
  verdict.print();
  printDetails("Errors in the fuzzing process", processErrors);
  report.push(none("Uncaught exceptions in the fuzzing process", processErrors.sum()), {
    what: "Lab host unchanged",
    figure: verdict.unchanged ? "yes" : "no",
    target: "yes",
    ok: verdict.unchanged,
  });
  console.log(`\nReport (seed ${seed}, scale ${scale}, ${secs(started)}):`);
  printTable(report);
  return report.every((r) => r.ok !== false) ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
