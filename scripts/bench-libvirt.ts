/**
 * Benchmark report for lib/libvirt (not a timed test): run on a lab host with
 *   npx tsx scripts/bench-libvirt.ts [--uri qemu:///system] [--domain vd-tiny] [--virsh-runs 1000]
 * It prints (1) p50/p99 of 1,000 sequential state lookups through the client
 * vs `virsh domstate` runs, (2) throughput of 10,000 concurrent calls on one
 * connection, (3) list + stats of 1,000 test-driver domains in one call vs
 * `virsh domstats`, (4) memory with 10 idle connections. For exact heap
 * figures run it as: node --expose-gc --import tsx scripts/bench-libvirt.ts
 */
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { parseArgs, promisify } from "node:util";
import { connect } from "../lib/libvirt/index";

const exec = promisify(execFile);
const { values } = parseArgs({
  options: {
    uri: { type: "string", default: "qemu:///system" },
    domain: { type: "string", default: "vd-tiny" },
    "virsh-runs": { type: "string", default: "1000" },
  },
});
const URI = values.uri;
const BENCH_FIXTURE = fileURLToPath(
  new URL("../tests/fixtures/libvirt/bench-1000.xml", import.meta.url),
);

const ms = (ns: bigint) => Number(ns) / 1e6;
function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}
async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t0 = process.hrtime.bigint();
  const v = await fn();
  return [ms(process.hrtime.bigint() - t0), v];
}
const fmt = (n: number) => n.toFixed(3);

async function sequentialLatency(): Promise<void> {
  const c = await connect(URI);
  const dom = await c.domains.lookupByName(values.domain);
  for (let i = 0; i < 100; i++) await c.domains.state(dom); // warm-up
  const client: number[] = [];
  for (let i = 0; i < 1000; i++) client.push((await timed(() => c.domains.state(dom)))[0]);
  await c.close();
  const runs = Number(values["virsh-runs"]);
  const virsh: number[] = [];
  for (let i = 0; i < runs; i++) {
    virsh.push((await timed(() => exec("virsh", ["-q", "-c", URI, "domstate", values.domain])))[0]);
  }
  client.sort((a, b) => a - b);
  virsh.sort((a, b) => a - b);
  const speedup = pct(virsh, 50) / pct(client, 50);
  console.log("(1) sequential DOMAIN_GET_STATE, 1,000 calls on one connection vs virsh domstate");
  console.log(`    client: p50 ${fmt(pct(client, 50))} ms, p99 ${fmt(pct(client, 99))} ms`);
  console.log(
    `    virsh (${runs} runs): p50 ${fmt(pct(virsh, 50))} ms, p99 ${fmt(pct(virsh, 99))} ms`,
  );
  console.log(
    `    client is ${speedup.toFixed(0)}x faster at p50 (target >= 20x; p50 target < 0.3 ms)`,
  );
}

async function concurrentThroughput(): Promise<void> {
  const c = await connect(URI);
  const dom = await c.domains.lookupByName(values.domain);
  const [t] = await timed(() =>
    Promise.all(Array.from({ length: 10_000 }, () => c.domains.state(dom))),
  );
  await c.close();
  console.log(
    "(2) 10,000 concurrent DOMAIN_GET_STATE calls on one connection (4 in flight, rest queued)",
  );
  console.log(`    ${fmt(t)} ms total, ${Math.round(10_000 / (t / 1000))} calls/s`);
}

async function thousandDomains(): Promise<void> {
  const uri = `test+unix://${BENCH_FIXTURE}`;
  const c = await connect(uri);
  await c.domainExtras.allStats(); // warm-up
  const [t, stats] = await timed(async () => {
    const doms = await c.domains.list();
    const s = await c.domainExtras.allStats();
    return { doms: doms.length, records: s.length };
  });
  await c.close();
  const [tv, out] = await timed(() =>
    exec("virsh", ["-c", uri, "domstats"], { maxBuffer: 64 << 20 }),
  );
  const virshDoms = out.stdout.split("\n").filter((l) => l.startsWith("Domain:")).length;
  console.log("(3) list + all-domain stats, 1,000 test-driver domains");
  console.log(
    `    client: ${fmt(t)} ms for ${stats.doms} domains / ${stats.records} stats records (target < 100 ms)`,
  );
  console.log(`    virsh domstats: ${fmt(tv)} ms for ${virshDoms} domains`);
}

async function idleMemory(): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  const settle = async () => {
    gc?.();
    await new Promise((r) => setTimeout(r, 200));
    gc?.();
    return process.memoryUsage();
  };
  // One connection first, so code loaded on first use is not counted.
  const warm = await connect(URI);
  await warm.host.hostname();
  await warm.close();
  const before = await settle();
  const conns = await Promise.all(Array.from({ length: 10 }, () => connect(URI)));
  await Promise.all(conns.map((c) => c.host.hostname()));
  const after = await settle();
  const kib = (n: number) => `${Math.round(n / 1024)} KiB`;
  console.log(
    `(4) memory with 10 idle connections${gc ? "" : " (run with node --expose-gc for exact heap figures)"}`,
  );
  const heap = after.heapUsed + after.external - (before.heapUsed + before.external);
  console.log(
    `    process rss ${kib(after.rss)} (${kib(after.rss - before.rss)} more than before)`,
  );
  console.log(`    JS heap + external: ${kib(heap)} for 10 connections, ${kib(heap / 10)} each`);
  await Promise.all(conns.map((c) => c.close()));
}

// Memory first: later stages leave garbage that would blur a small number.
const memoryReport = await captureLog(idleMemory);
await sequentialLatency();
await concurrentThroughput();
await thousandDomains();
console.log(memoryReport);

/** Runs fn with console.log captured, so the report keeps the order. */
async function captureLog(fn: () => Promise<void>): Promise<string> {
  const lines: string[] = [];
  const log = console.log;
  console.log = (...args: unknown[]) => lines.push(args.join(" "));
  try {
    await fn();
  } finally {
    console.log = log;
  }
  return lines.join("\n");
}
