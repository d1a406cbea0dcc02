/**
 * Benchmark report (not a timed test): copying a volume from host 1 to host 2 through libvirt's
 * streams, Virtdeck's copy (the one an offline migration with its disks copied runs, download
 * stream piped into upload stream in one process) against `virsh vol-download | virsh
 * vol-upload` in the same run. Run inside the lab:
 *   npm run bench:volume-copy [-- --rounds 3 --size 1G]
 * Each round copies a sparse raw volume of that size (every byte travels: no sparse streams)
 * with virsh, then with Virtdeck, into a fresh volume on host 2. Prints the medians in MiB/s
 * and Virtdeck's ratio against virsh (target: at least 0.8x).
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { labEnv } from "../tests/integration/support/lab-env";
import { virsh } from "../tests/integration/support/virsh";
import { summarize } from "./bench/stats";

const { values } = parseArgs({
  options: {
    rounds: { type: "string", default: "3" },
    size: { type: "string", default: "1G" },
  },
});
const ROUNDS = Number(values.rounds);
const lab = labEnv();
const dataDir = mkdtempSync(path.join(tmpdir(), "virtdeck-bench-copy-"));
process.env.VIRTDECK_DATA_DIR = dataDir;
delete process.env.DATABASE_URL;

const { env, sqlitePath } = await import("../lib/env");
const { migrate } = await import("../lib/db/migrate");
const { db, closeDb } = await import("../lib/db/client");
const { copyVolumeBetweenHosts } = await import("../lib/storage/copy-between-hosts");

migrate(sqlitePath(env.DATABASE_URL), path.resolve(import.meta.dirname, "../prisma/migrations"));
const h1 = await db.host.create({ data: { name: "bench1", uri: lab.LAB_URI } });
const h2 = await db.host.create({ data: { name: "bench2", uri: lab.LAB_HOST2_URI } });

const tag = Math.random().toString(16).slice(2, 8);
const pools = [
  { uri: lab.LAB_URI, name: `vd-bcopy1-${tag}`, dir: `/var/tmp/vd-bcopy1-${tag}` },
  { uri: lab.LAB_HOST2_URI, name: `vd-bcopy2-${tag}`, dir: `/var/tmp/vd-bcopy2-${tag}` },
] as const;
const [from, to] = pools;
for (const p of pools) {
  mkdirSync(p.dir, { recursive: true });
  await virsh(p.uri, "pool-create-as", p.name, "dir", "--target", p.dir);
}
await virsh(from.uri, "vol-create-as", from.name, "src.raw", values.size, "--format", "raw");
const bytes = Number(
  (await virsh(from.uri, "vol-info", "--pool", from.name, "src.raw", "--bytes")).match(
    /Capacity:\s+(\d+)/,
  )?.[1] ?? 0,
);

const rate = (ms: number) => bytes / (1 << 20) / (ms / 1000);
const virshRates: number[] = [];
const ourRates: number[] = [];
try {
  for (let round = 0; round < ROUNDS; round++) {
    for (const who of ["virsh", "virtdeck"] as const) {
      const dest = `${who}-${round}.raw`;
      await virsh(to.uri, "vol-create-as", to.name, dest, values.size, "--format", "raw");
      const started = performance.now();
      if (who === "virsh")
        execFileSync("bash", [
          "-c",
          `virsh -q -c '${from.uri}' vol-download --pool ${from.name} src.raw /dev/stdout | virsh -q -c '${to.uri}' vol-upload --pool ${to.name} ${dest} /dev/stdin`,
        ]);
      else {
        const copied = await copyVolumeBetweenHosts(
          { hostId: h1.id, path: `${from.dir}/src.raw` },
          { hostId: h2.id, path: `${to.dir}/${dest}` },
          { signal: new AbortController().signal, onBytes: () => {} },
        );
        if (copied !== bytes) throw new Error(`copied ${copied} of ${bytes} bytes`);
      }
      (who === "virsh" ? virshRates : ourRates).push(rate(performance.now() - started));
      await virsh(to.uri, "vol-delete", "--pool", to.name, dest);
    }
  }
  const v = summarize(virshRates);
  const d = summarize(ourRates);
  const ratio = d.p50 / v.p50;
  console.log(`volume copy host 1 → host 2, ${values.size} raw, ${ROUNDS} rounds`);
  console.log(`  virsh vol-download | vol-upload  median ${v.p50.toFixed(0)} MiB/s`);
  console.log(`  Virtdeck (streams in one process) median ${d.p50.toFixed(0)} MiB/s`);
  console.log(
    `  ratio ${ratio.toFixed(2)}x (target ≥ 0.8x) ${ratio >= 0.8 ? "ok" : "BELOW TARGET"}`,
  );
} finally {
  for (const p of pools) {
    await virsh(p.uri, "pool-destroy", p.name).catch(() => undefined);
    rmSync(p.dir, { recursive: true, force: true });
  }
  await closeDb();
  rmSync(dataDir, { recursive: true, force: true });
}
