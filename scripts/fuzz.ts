// Fuzz and abuse run (issue #12), inside the lab's namespace:
//   scripts/lab.sh exec npm run fuzz -- [--scale 1] [--seed N] [--port P]
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
import { LAB_ENV_JSON, labEnv } from "../tests/integration/support/lab-env";
import { freePort } from "./bench/api";
import { checkLab } from "./fuzz/lab-check";
import { labEpoch, snapshotLab } from "./fuzz/lab-snapshot";
import { Prng, randomSeed } from "./fuzz/prng";
import { atLeast, none, printDetails, printTable, type Row } from "./fuzz/report";
import { fuzzClient } from "./fuzz/rpc-client";
import { fuzzDecoder } from "./fuzz/rpc-decoder";
import { fuzzServer } from "./fuzz/server-run";
import { Tally } from "./fuzz/tally";

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
const secs = (since: number) => `${((Date.now() - since) / 1000).toFixed(0)} s`;

/** Uncaught exceptions and unhandled rejections in this process, by the part that ran. */
const processErrors = new Tally();
let part = "set-up";
process.on("uncaughtException", (e) => processErrors.fail(part, `uncaught: ${e.stack ?? e}`));
process.on("unhandledRejection", (e) =>
  processErrors.fail(part, `unhandled rejection: ${String((e as Error)?.stack ?? e)}`),
);

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

/** Host 1 by its own socket (LAB_HOST1_URI), the same from any mount namespace. */
function host1Uri(): string {
  const env = JSON.parse(readFileSync(LAB_ENV_JSON, "utf8")) as Record<string, unknown>;
  if (typeof env.LAB_HOST1_URI !== "string")
    throw new Error("the lab's env.json has no LAB_HOST1_URI: run scripts/lab.sh up");
  return env.LAB_HOST1_URI;
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
  const hosts = { host1: host1Uri(), host2: lab.LAB_HOST2_URI };
  const root = new Prng(seed);
  console.log(
    `Virtdeck fuzz: seed ${seed} (replay with --seed ${seed} --scale ${scale}), scale ${scale}`,
  );
  const before = snapshotLab(hosts);
  const epoch = labEpoch(lab.LAB_STATE_DIR);
  part = "rpc";
  const report = await fuzzRpc(root);
  part = "server";
  const server = await fuzzServer({
    root,
    labUri: hosts.host1,
    guest: lab.LAB_GUEST_NAME,
    port,
    targets,
    onPhase: (name) => {
      part = name;
    },
  });
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
