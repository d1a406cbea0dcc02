// Fuzz and abuse run (issue #12), inside the lab's namespace:
//   scripts/lab.sh exec npm run fuzz -- [--scale 1] [--seed N] [--port P]
// 1. RPC: mutated and random packets into lib/libvirt's decoder, and into a real client
//    connected to an in-process fake daemon (scripts/fuzz/rpc-*.ts).
// 2. WebSocket: malformed frames and control messages to /ws/events and /ws/consoles of a real
//    Virtdeck server (production build, fresh data dir, the lab host added) (ws-*.ts).
// 3. API: mutated JSON bodies to every route family of /api/v1 (api-*.ts).
// Meanwhile the server's memory and liveness are watched, and virsh compares the lab before and
// after. Scale 1 is the full run of the issue (100,000 packets each way, 10,000 frames, 10,000
// bodies per family); npm test runs --scale 0.05. Exits non-zero on any missed target or failure.
import { labEnv } from "../tests/integration/support/lab-env";
import { ADMIN_PASSWORD, ApiClient, type BenchServer, freePort, startServer } from "./bench/api";
import { fuzzApi } from "./fuzz/api-fuzz";
import { FAMILIES, routesOf } from "./fuzz/api-routes";
import { compareLab, MARKER, snapshotLab } from "./fuzz/lab-snapshot";
import { rssMiB, watch } from "./fuzz/monitor";
import { Prng, randomSeed } from "./fuzz/prng";
import { atLeast, info, none, printDetails, printTable, type Row } from "./fuzz/report";
import { fuzzClient } from "./fuzz/rpc-client";
import { fuzzDecoder } from "./fuzz/rpc-decoder";
import { memoryAfterGc } from "./fuzz/server-memory";
import { Tally } from "./fuzz/tally";
import { fuzzWebSockets } from "./fuzz/ws-fuzz";

/** End RSS may exceed the RSS after warm-up by this much (both after a full GC) and be steady. */
const STEADY_MIB = 64;
/** The warm-up, the same at every scale: bodies per API family and WebSocket frames. */
const WARM_UP = { bodies: 100, frames: 200 };

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i > 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isFinite(v) || v <= 0) throw new Error(`--${name} needs a positive number`);
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

/** Parts 2 and 3 against one real server, watched throughout; the rows of the report. */
async function fuzzServer(root: Prng, labUri: string, guest: string): Promise<Row[]> {
  const inspectPort = await freePort();
  const server = await startServer({ port, inspectPort });
  try {
    const { api, token, vmId, routes } = await prepare(server, labUri, guest);
    const target = { baseUrl: server.baseUrl, port, cookie: api.cookie, token, vmId };
    const rssStart = rssMiB(server.pid);
    const bearer = { authorization: `Bearer ${token}` };
    const monitor = watch(server.pid, `${server.baseUrl}/api/v1/access/me`, bearer);
    const apiTally = new Tally();

    part = "warm-up";
    await fuzzApi(root.fork("api-warm-up"), target, routes, WARM_UP.bodies, apiTally, "warm-up");
    const warmWs = await fuzzWebSockets(root.fork("ws-warm-up"), target, WARM_UP.frames);
    const warm = await memoryAfterGc(inspectPort);

    part = "ws";
    const t = Date.now();
    const ws = await fuzzWebSockets(root.fork("ws"), target, targets.frames);
    console.log(`  ws: ${ws.frames.events + ws.frames.consoles} frames in ${secs(t)}`);
    part = "api";
    const apiRes = await fuzzApi(root.fork("api"), target, routes, targets.bodies, apiTally);
    const end = await memoryAfterGc(inspectPort);
    monitor.stop();
    const intact = await credentialsIntact(api, token);
    const unknownErrors = (server.output().match(/\[virtdeck\] error [0-9a-f]+:/g) ?? []).length;

    printDetails("WebSocket", ws.tally);
    printDetails("API", apiTally);
    if (apiRes.routes.missed.length)
      console.log(`routes not drawn: ${apiRes.routes.missed.join(", ")}`);
    if (monitor.slowProbes.length)
      console.log(`health probes over 2 s: ${monitor.slowProbes.slice(0, 5).join("; ")}`);
    const every5s = monitor.rssSamples.filter((_, i) => i % 5 === 0).map((x) => x.toFixed(0));
    console.log(
      `\nServer RSS MiB every 5 s (no forced GC) from the warm-up on: ${every5s.join(" ")}`,
    );
    const mib = (x: number) => x.toFixed(0);
    return [
      ...wsRows(ws, warmWs),
      ...apiRows(apiRes, unknownErrors),
      none("Server crashes (process exit)", server.exited() === null ? 0 : 1),
      none(`Server hangs (health probe over 2 s, of ${monitor.probes})`, monitor.slowProbes.length),
      info("  slowest health probe", `${monitor.slowestProbeMs} ms`),
      {
        what: "Server RSS MiB: start / after warm-up* / peak / end* (*after a full GC)",
        figure: [rssStart, warm.rssMiB, monitor.peakRssMiB, end.rssMiB].map(mib).join(" / "),
        target: `steady: end ≤ warm-up + ${STEADY_MIB}`,
        ok: end.rssMiB <= warm.rssMiB + STEADY_MIB,
      },
      info(
        "  JS heap in use after a full GC: warm-up / end",
        `${mib(warm.heapUsedMiB)} / ${mib(end.heapUsedMiB)} MiB`,
      ),
      {
        what: "Session cookie and API token still valid",
        figure: intact ? "yes" : "no",
        target: "yes",
        ok: intact,
      },
    ];
  } finally {
    part = "stop";
    await server.stop();
  }
}

async function main(): Promise<number> {
  const started = Date.now();
  const lab = labEnv();
  const hosts = { host1: lab.LAB_URI, host2: lab.LAB_HOST2_URI };
  const root = new Prng(seed);
  console.log(
    `Virtdeck fuzz: seed ${seed} (replay with --seed ${seed} --scale ${scale}), scale ${scale}`,
  );
  const before = snapshotLab(hosts);
  part = "rpc";
  const report = await fuzzRpc(root);
  part = "server";
  report.push(...(await fuzzServer(root, lab.LAB_URI, lab.LAB_GUEST_NAME)));
  const lab2 = compareLab(before, snapshotLab(hosts));
  printLabCheck(lab2);
  printDetails("Errors in the fuzzing process", processErrors);
  report.push(none("Uncaught exceptions in the fuzzing process", processErrors.sum()), {
    what: "Lab host unchanged",
    figure: lab2.unchanged ? "yes" : "no",
    target: "yes",
    ok: lab2.unchanged,
  });
  console.log(`\nReport (seed ${seed}, scale ${scale}, ${secs(started)}):`);
  printTable(report);
  return report.every((r) => r.ok !== false) ? 0 : 1;
}

function printLabCheck(c: ReturnType<typeof compareLab>): void {
  console.log(
    `\nLab check (virsh on both hosts, before vs after): compared the ${c.compared} objects that existed ` +
      "before the run (each domain's state and dumpxml --inactive, each network's net-list line and " +
      "net-dumpxml --inactive, each pool's pool-list line and pool-dumpxml --inactive without its sizes, " +
      `each volume's vol-list line): ${c.changed.length} changed, ${c.vanished.length} vanished; new objects ` +
      `named with the fuzzer's marker "${MARKER}": ${c.ours.length}.`,
  );
  for (const k of [...c.changed, ...c.vanished, ...c.ours]) console.log(`  CHANGED: ${k}`);
  if (c.others.length)
    console.log(
      `  new objects without the marker (another run's; not counted): ${c.others.join(", ")}`,
    );
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
