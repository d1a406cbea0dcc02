/**
 * Benchmark report for issue 15's metrics (not a timed test): run inside the lab with
 *   scripts/lab.sh exec npx tsx scripts/bench-metrics.ts [--rounds 20] [--queries 50]
 * In one run, on a fresh SQLite file, it
 *   (1) writes three libvirt test-driver fixtures with 1,000 domains (two in three running) and
 *       connects to them and to the lab's host 1 (its real QEMU guests), as the server does,
 *   (2) runs collector rounds on every host (all hosts at once, as the server's timer does, then
 *       each host alone) and prints each host's round time and this process's CPU per round of
 *       all hosts as a share of one core at the 5 s interval,
 *   (3) writes 24 simulated hours of history for the 1,000 VMs (the last hour of 5 s points, the
 *       day's 1-minute points), rolls them up into the 30-minute and 6-hour tiers with the
 *       store's own roll-up and a simulated clock, and prints the database's size, bytes per
 *       point and what a VM-year at full retention takes,
 *   (4) times graph reads of a day (1,440 points) and a year (1,460 points) for one VM,
 * then prints the figures beside their targets. It exits 0 when a target is missed (a report).
 */
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { labEnv } from "../tests/integration/support/lab-env";
import { writeFixtures } from "./bench/fixtures";
import { fmtBytes, fmtMs, msSince, sleep, summarize } from "./bench/stats";

const { values } = parseArgs({
  options: {
    rounds: { type: "string", default: "20" },
    queries: { type: "string", default: "50" },
  },
});
const ROUNDS = Number(values.rounds);
const QUERIES = Number(values.queries);
const COUNTS = [334, 333, 333];
const INTERVAL_S = 5;

process.chdir(fileURLToPath(new URL("..", import.meta.url)));
const lab = labEnv();
const dataDir = mkdtempSync(path.join(tmpdir(), "virtdeck-bench-metrics-"));
process.env.VIRTDECK_DATA_DIR = dataDir;
delete process.env.DATABASE_URL;

const { env, sqlitePath } = await import("@/lib/env");
const { migrate } = await import("@/lib/db/migrate");
const { db, closeDb } = await import("@/lib/db/client");
const { ConnectionManager } = await import("@/lib/hosts/connection-manager");
const { MetricsCollector } = await import("@/lib/metrics/collector");
const { VM_FIELDS } = await import("@/lib/metrics/fields");
const { readHistory, rollUpAndPrune, seriesIds, seriesKey, writePoints } = await import(
  "@/lib/metrics/store"
);
const { pointOfSample, rollUp, slotOf } = await import("@/lib/metrics/tiers");

const rows: [string, string, string, string][] = [];
const row = (what: string, figure: string, target = "", met?: boolean) =>
  rows.push([what, figure, target, met === undefined ? "" : met ? "met" : "MISSED"]);

migrate(sqlitePath(env.DATABASE_URL), path.resolve("prisma/migrations"));
const fixtures = await writeFixtures(dataDir, COUNTS);
const manager = new ConnectionManager({ async onOnline() {}, onStatus() {} });
const hosts = [
  ...fixtures.map((f) => ({ id: f.name, uri: f.uri, label: `${f.name} (${f.domains} test VMs)` })),
  { id: "lab1", uri: lab.LAB_URI, label: "lab host 1 (real guests)" },
];
for (const h of hosts) manager.add({ id: h.id, uri: h.uri, connectOptions: async () => ({}) });
for (const h of hosts)
  while (manager.status(h.id)?.status !== "online") {
    if (manager.status(h.id)?.status === "offline") throw new Error(`${h.label} is offline`);
    await sleep(100);
  }

try {
  // (2) Rounds, all hosts at once as the server's timer starts them.
  const collector = new MetricsCollector(manager, INTERVAL_S);
  const perHost = new Map<string, number[]>(hosts.map((h) => [h.id, []]));
  const cpuPerRound: number[] = [];
  for (let r = 0; r < ROUNDS + 1; r++) {
    const cpu0 = process.cpuUsage();
    const times = await Promise.all(
      hosts.map((h) => collector.collectHost(h.id, manager.connection(h.id))),
    );
    const cpu = process.cpuUsage(cpu0);
    if (r > 0) {
      // The first round has nothing to compare with (no rates, no points): a warm-up.
      for (const [i, h] of hosts.entries()) perHost.get(h.id)!.push(times[i]!);
      cpuPerRound.push((cpu.user + cpu.system) / 1000);
    }
    await sleep(1000);
  }
  // Each host alone: its own cost, without waiting for the others' writes (SQLite has one writer).
  const alone = new Map<string, number[]>(hosts.map((h) => [h.id, []]));
  for (let r = 0; r < ROUNDS; r++) {
    for (const h of hosts)
      alone.get(h.id)!.push(await collector.collectHost(h.id, manager.connection(h.id)));
    await sleep(1000);
  }
  for (const h of hosts) {
    const a = summarize(alone.get(h.id)!);
    const s = summarize(perHost.get(h.id)!);
    row(
      `collector round, ${h.label}`,
      `alone p50 ${fmtMs(a.p50)}, p95 ${fmtMs(a.p95)}; all 4 at once p50 ${fmtMs(s.p50)}, p95 ${fmtMs(s.p95)}`,
      "< 50 ms",
      a.p95 < 50,
    );
  }
  const cpu = summarize(cpuPerRound);
  const share = (cpu.p50 / (INTERVAL_S * 1000)) * 100;
  row(
    "server CPU for a round of all 4 hosts",
    `${fmtMs(cpu.p50)} of CPU per ${INTERVAL_S} s: ${share.toFixed(2)} % of one core`,
    "< 5 %",
    share < 5,
  );

  // (3) 24 simulated hours for the 1,000 test VMs.
  const tiers = collector.tiers;
  const now = slotOf(Math.floor(Date.now() / 1000), 3600) + 86400 * 10; // clear of real points
  const uuids = Array.from(
    { length: 1000 },
    (_, i) => `b0000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
  );
  const ids = await seriesIds(uuids.map((u) => ({ key: seriesKey.vm(u), kind: "vm" as const })));
  const idList = uuids.map((u) => ids.get(seriesKey.vm(u))!);
  const sample = (t: number, k: number) =>
    VM_FIELDS.map((_f, j) => (j === 0 ? (Math.sin(t / 600 + k) + 1) * 40 : (t % 977) * (j + k)));
  const writeTier = async (tier: number, from: number, to: number, step: number) => {
    for (let t = from; t < to; t += step) {
      const batch = idList.map((seriesId, k) => ({
        seriesId,
        t,
        point: pointOfSample(sample(t, k)),
      }));
      await db.$transaction((tx) => writePoints(tier, batch, tx));
    }
  };
  const t0 = process.hrtime.bigint();
  await writeTier(1, now - 86400, now, 60);
  await writeTier(0, now - 3600, now, INTERVAL_S);
  const writeMs = msSince(t0);
  const r0 = process.hrtime.bigint();
  await rollUpAndPrune(tiers, now + 60);
  const rollMs = msSince(r0);
  // A year of 6-hour points for one VM, for the year graph.
  const yearVm = idList[0]!;
  for (let t = now - 365 * 86400; t < now; t += 21600)
    await writePoints(3, [
      { seriesId: yearVm, t, point: rollUp([pointOfSample(sample(t, 0))], VM_FIELDS.length) },
    ]);
  const points = await db.metricPoint.count();
  const byTier = await db.metricPoint.groupBy({ by: ["tier"], _count: true });
  await db.$executeRawUnsafe("PRAGMA wal_checkpoint(TRUNCATE)");
  const dbFile = sqlitePath(env.DATABASE_URL);
  const size = statSync(dbFile).size;
  const perPoint = size / points;
  const fullRetention = tiers.reduce((n, t) => n + t.keep / t.step, 0);
  const perVmYear = perPoint * fullRetention;
  row(
    "24 simulated hours written (1,000 VMs)",
    `${(writeMs / 1000).toFixed(1)} s for ${points.toLocaleString("en")} points`,
  );
  row("roll-up of the day into 30-min and 6-h tiers", fmtMs(rollMs));
  row(
    "database after 24 simulated hours",
    `${fmtBytes(size)} (${byTier.map((b) => `tier ${b.tier}: ${b._count.toLocaleString("en")}`).join(", ")})`,
  );
  row(
    "history per VM at full retention",
    `${perPoint.toFixed(0)} B per point × ${fullRetention.toLocaleString("en")} points = ${fmtBytes(perVmYear)}`,
    "≤ 2 MiB per VM-year",
    perVmYear <= 2 * 1024 * 1024,
  );

  // (4) Graph reads.
  const yearKey = seriesKey.vm(uuids[0]!);
  for (const range of ["day", "year"] as const) {
    const times: number[] = [];
    let n = 0;
    for (let i = 0; i < QUERIES; i++) {
      const q0 = process.hrtime.bigint();
      n = (await readHistory(yearKey, "vm", range, "avg", tiers, now)).t.length;
      times.push(msSince(q0));
    }
    const s = summarize(times);
    row(
      `graph read, ${range} (${n} points)`,
      `p50 ${fmtMs(s.p50)}, p95 ${fmtMs(s.p95)}`,
      "< 50 ms",
      s.p95 < 50,
    );
  }
} finally {
  await manager.stopAll();
  await closeDb();
  rmSync(dataDir, { recursive: true, force: true });
}

const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => (r[i] ?? "").length), 4));
console.log("\nVirtdeck metrics benchmark\n");
for (const r of rows) console.log(r.map((c, i) => c.padEnd(widths[i]!)).join("  "));
