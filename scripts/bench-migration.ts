/**
 * Benchmark report (not a timed test): Virtdeck's live migration of the lab's tiny guest against
 * `virsh migrate` with the same flags, in one run, both ways. Run inside the lab:
 *   npm run bench:migration [-- --rounds 3]
 * Host 1 → host 2 is peer to peer (virsh --p2p; Virtdeck: host 2 has a migration URI); host 2 →
 * host 1 is client-driven (virsh without --p2p; Virtdeck through its two connections). Each
 * round migrates there and back with virsh, then with Virtdeck (a task through the operation
 * wrapper, timed from the call to the task's end). It prints the medians, their ratio against
 * the 1.2x target, and how often the task's progress was published while the job ran (target:
 * at least 2 per second; /ws/events forwards each message as it is published).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import {
  freshGuestName,
  removeTinyGuest,
  startTinyGuest,
} from "../tests/integration/lab/tiny-guest";
import { labEnv } from "../tests/integration/support/lab-env";
import { virsh, waitFor } from "../tests/integration/support/virsh";
import { summarize } from "./bench/stats";

const { values } = parseArgs({ options: { rounds: { type: "string", default: "3" } } });
const ROUNDS = Number(values.rounds);
const lab = labEnv();
const dataDir = mkdtempSync(path.join(tmpdir(), "virtdeck-bench-migration-"));
process.env.VIRTDECK_DATA_DIR = dataDir;
delete process.env.DATABASE_URL;

const { env, sqlitePath } = await import("../lib/env");
const { migrate } = await import("../lib/db/migrate");
const { db, closeDb } = await import("../lib/db/client");
const { ConnectionManager, installConnectionManager } = await import(
  "../lib/hosts/connection-manager"
);
const { hostTarget } = await import("../lib/hosts/start");
const { fullSync, subscribeHostEvents } = await import("../lib/inventory/sync-host");
const { invoke } = await import("../lib/access/invoke");
const { migrateVmOp } = await import("../lib/migration/operations");
const { subscribe } = await import("../lib/live/bus");
const { createAdmin } = await import("../tests/integration/support/actors");

migrate(sqlitePath(env.DATABASE_URL), path.resolve(import.meta.dirname, "../prisma/migrations"));
const manager = new ConnectionManager({
  async onOnline(hostId, conn) {
    await subscribeHostEvents(hostId, conn);
    await fullSync(hostId, conn);
  },
  onStatus() {},
});
installConnectionManager(manager);
const admin = await createAdmin();
const h1 = await db.host.create({
  data: { name: "bench1", uri: lab.LAB_URI, migrationAddress: `tcp://${lab.LAB_HOST1_ADDR}` },
});
const h2 = await db.host.create({
  data: {
    name: "bench2",
    uri: lab.LAB_HOST2_URI,
    migrationUri: lab.LAB_HOST2_TCP_URI,
    migrationAddress: lab.LAB_HOST2_MIGRATE_URI,
  },
});
manager.add(hostTarget(h1));
manager.add(hostTarget(h2));
for (const id of [h1.id, h2.id])
  await waitFor(
    `host ${id}`,
    () => (manager.status(id)?.status === "online" ? true : undefined),
    20_000,
  );

const name = freshGuestName("vd-bench-mig");
const times = {
  virshThere: [] as number[],
  virshBack: [] as number[],
  vdThere: [] as number[],
  vdBack: [] as number[],
};
const rates: number[] = [];
const copyRates: number[] = [];
const silences: number[] = [];
const FLAGS = ["--live", "--persistent", "--undefinesource"];

async function virshMigrate(from: string, to: string, extra: string[]): Promise<number> {
  const t0 = Date.now();
  await virsh(from, "migrate", ...FLAGS, ...extra, name, to);
  return Date.now() - t0;
}

async function virtdeckMigrate(target: string): Promise<number> {
  const row = await waitFor(
    "the VM's row",
    () => db.vm.findFirst({ where: { name } }).then((r) => r ?? undefined),
    10_000,
  );
  const published: number[] = [];
  const stop = subscribe((m) => {
    if (
      m.type === "task" &&
      m.task.kind === "vm.migrate" &&
      m.task.state === "running" &&
      m.task.done !== null
    )
      published.push(Date.now());
  });
  const t0 = Date.now();
  const task = await invoke(migrateVmOp, { user: admin }, { id: row.id, target });
  const ended = await waitFor(
    "the task's end",
    () =>
      db.task
        .findUnique({ where: { id: task.id } })
        .then((t) => (t && t.state !== "running" ? t : undefined)),
    120_000,
    20,
  );
  const ms = Date.now() - t0;
  stop();
  if (ended.state !== "succeeded") throw new Error(`migration ${ended.state}: ${ended.error}`);
  if (process.env.BENCH_LOG) {
    const log = await db.taskLog.findMany({ where: { taskId: task.id }, orderBy: { id: "asc" } });
    for (const l of log) console.info(`  +${l.at.getTime() - t0} ms ${l.line}`);
  }
  const span = published.length > 1 ? (published.at(-1)! - published[0]!) / 1000 : 0;
  if (span > 0) rates.push((published.length - 1) / span);
  // The switch-over: libvirt answers no job read while it pauses the source and hands over, so
  // the last frames can be far apart. Shown on its own, beside the rate over the whole job.
  const gaps = published.slice(1).map((t, i) => t - published[i]!);
  if (gaps.length > 0) silences.push(Math.max(...gaps));
  const copying = published.slice(0, -1);
  const copySpan = copying.length > 1 ? (copying.at(-1)! - copying[0]!) / 1000 : 0;
  if (copySpan > 0) copyRates.push((copying.length - 1) / copySpan);
  return ms;
}

try {
  await startTinyGuest(lab, name);
  for (let i = 0; i < ROUNDS; i++) {
    times.virshThere.push(
      await virshMigrate(lab.LAB_URI, lab.LAB_HOST2_TCP_URI, [
        "--p2p",
        "--migrateuri",
        lab.LAB_HOST2_MIGRATE_URI,
      ]),
    );
    times.virshBack.push(
      await virshMigrate(lab.LAB_HOST2_URI, lab.LAB_URI, [
        "--migrateuri",
        `tcp://${lab.LAB_HOST1_ADDR}`,
      ]),
    );
    times.vdThere.push(await virtdeckMigrate(h2.id));
    times.vdBack.push(await virtdeckMigrate(h1.id));
  }
  const p50 = (xs: number[]) => summarize(xs).p50;
  const row = (label: string, v: number[], d: number[]) => {
    const ratio = p50(d) / p50(v);
    console.info(
      `${label.padEnd(34)} virsh ${String(p50(v)).padStart(6)} ms   Virtdeck ${String(p50(d)).padStart(6)} ms   ratio ${ratio.toFixed(2)} (target ≤ 1.20)`,
    );
  };
  console.info(`Live migration of the tiny guest, ${ROUNDS} round(s), medians:`);
  row("host 1 → host 2 (peer to peer)", times.virshThere, times.vdThere);
  row("host 2 → host 1 (client-driven)", times.virshBack, times.vdBack);
  const rate = summarize(rates);
  console.info(
    `Progress published while the job ran: median ${rate.p50.toFixed(1)}/s, lowest ${Math.min(...rates).toFixed(1)}/s (target ≥ 2/s; ${rates.length} migrations long enough to measure)`,
  );
  console.info(
    `  without the last frame (after the switch-over): median ${summarize(copyRates).p50.toFixed(1)}/s, lowest ${Math.min(...copyRates).toFixed(1)}/s; longest silence between frames (the switch-over: libvirt answers no job read) median ${summarize(silences).p50.toFixed(0)} ms`,
  );
} finally {
  await removeTinyGuest(lab, name);
  await manager.stopAll();
  await closeDb();
  rmSync(dataDir, { recursive: true, force: true });
}
