// The metrics collector against the lab's libvirtd and a real tiny guest with a raw data disk:
// a busy loop started on its serial console shows about 100 % of its one vCPU; a dd to the data
// disk shows write bytes/s whose total equals virsh domblkstat's delta; a restarted guest leaves
// a gap in the history, not a spike; a roll-up makes the minute's point from the 5 s points.
import { writeFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LibvirtStream } from "@/lib/libvirt";
import { freshGuestName } from "../lab/tiny-guest";
import { closeDb, db, lab, manager, readUntil, shell, startLabHost } from "../networks/support";
import { defineXml, guestXml, removeDomain, virsh } from "../support/virsh";

const { MetricsCollector } = await import("@/lib/metrics/collector");
const { metricsNow } = await import("@/lib/metrics/current");
const { forgetVmHistory, readHistory, rollUpAndPrune, seriesKey } = await import(
  "@/lib/metrics/store"
);

const name = freshGuestName("vd-it-metrics");
const diskFile = `/var/tmp/${name}-data.raw`;
let hostId: string;
let uuid: string;
let serial: LibvirtStream | null = null;
let collector: InstanceType<typeof MetricsCollector>;

const collect = () => collector.collectHost(hostId, manager.connection(hostId));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const now = () => metricsNow().vms.get(uuid);

async function openSerial(): Promise<LibvirtStream> {
  const conn = manager.connection(hostId);
  const stream = await conn.streams.console(await conn.domains.lookupByName(name), { force: true });
  const poke = setInterval(() => stream.write("\r"), 1_000);
  await readUntil(stream, lab.LAB_GUEST_PROMPT, 90_000).finally(() => clearInterval(poke));
  return stream;
}

/** virsh's own count of bytes written to the data disk. */
async function writtenBytes(): Promise<number> {
  const out = await virsh(lab.LAB_URI, "domblkstat", name, "vdb");
  return Number(/wr_bytes\s+(\d+)/.exec(out)?.[1]);
}

beforeAll(async () => {
  hostId = await startLabHost();
  writeFileSync(diskFile, Buffer.alloc(64 << 20));
  const xml = (await guestXml(lab, name)).replace(
    "</devices>",
    `<disk type='file' device='disk'><driver name='qemu' type='raw' cache='none'/><source file='${diskFile}'/><target dev='vdb' bus='virtio'/></disk></devices>`,
  );
  await defineXml(lab.LAB_URI, xml);
  await virsh(lab.LAB_URI, "start", name);
  uuid = await virsh(lab.LAB_URI, "domuuid", name);
  serial = await openSerial();
  collector = new MetricsCollector(manager, 5);
}, 120_000);

afterAll(async () => {
  serial?.destroy();
  await removeDomain(lab.LAB_URI, name);
  await rm(diskFile, { force: true });
  await manager.stopAll();
  await closeDb();
});

describe("the metrics collector", () => {
  it("a busy loop shows about 100 % of the guest's one vCPU", async () => {
    await shell(serial!, "{ while :; do :; done & }");
    await collect();
    await sleep(5_000);
    await collect();
    expect(now()?.sample.cpu).toBeGreaterThan(80);
    expect(now()?.sample.cpu).toBeLessThanOrEqual(100);
    await shell(serial!, "kill $!");
    await collect();
    await sleep(5_000);
    await collect();
    expect(now()?.sample.cpu).toBeLessThan(30);
    // The host's own round: its memory from libvirt's node statistics.
    const host = metricsNow().hosts.get(hostId)!;
    expect(host.sample.memTotal).toBeGreaterThan(0);
    expect(host.sample.cpu).not.toBeNull();
    expect(host.collectMs).toBeLessThan(5_000);
  }, 60_000);

  it("a dd to the data disk: write bytes/s over the interval equal virsh domblkstat's delta", async () => {
    await collect();
    await sleep(1_000);
    const before = await writtenBytes();
    await collect();
    const from = now()!.at;
    // The guest's only virtio disk is its vda (libvirt's target vdb names it on the host side).
    await shell(serial!, "dd if=/dev/urandom of=/dev/vda bs=1M count=24 conv=fsync 2>&1", 60_000);
    await sleep(1_000);
    const after = await writtenBytes();
    await collect();
    const sample = now()!;
    const seconds = (sample.at - from) / 1000;
    expect(after - before).toBeGreaterThanOrEqual(24 << 20);
    expect(sample.sample.diskWrite! * seconds).toBeCloseTo(after - before, -3);
    expect(sample.sample.diskWriteOps).toBeGreaterThan(0);
  }, 90_000);

  it("a restarted guest leaves a gap, never a spike; a roll-up makes the minute's point", async () => {
    const key = seriesKey.vm(uuid);
    const read = () =>
      readHistory(key, "vm", "hour", "max", collector.tiers, Math.floor(Date.now() / 1000) + 5);
    await collect();
    await sleep(5_000);
    await collect(); // at least one point before the restart
    serial?.destroy();
    serial = null;
    await virsh(lab.LAB_URI, "destroy", name);
    await sleep(5_000);
    await collect(); // not running: no point, and no usage now
    expect(now()).toBeUndefined();
    const beforeStart = (await read()).t.length;
    await virsh(lab.LAB_URI, "start", name);
    await collect(); // a new domain id: nothing to compare with yet
    expect((await read()).t.length).toBe(beforeStart);
    await sleep(5_000);
    await collect();
    const history = await read();
    expect(history.t.length).toBe(beforeStart + 1);
    const steps = history.t.slice(1).map((t, i) => t - (history.t[i] as number));
    expect(Math.max(...steps)).toBeGreaterThanOrEqual(10); // the gap: at least one slot missing
    for (const cpu of history.values.cpu!) expect(cpu ?? 0).toBeLessThanOrEqual(100);

    // Two minutes on, the minutes that closed are rolled up from the 5 s points.
    await rollUpAndPrune(collector.tiers, Math.floor(Date.now() / 1000) + 130);
    const minutes = await db.metricPoint.count({ where: { tier: 1 } });
    expect(minutes).toBeGreaterThan(0);

    // Deleting or forgetting the VM takes its history with it.
    await forgetVmHistory(uuid);
    expect(await db.metricSeries.findUnique({ where: { key } })).toBeNull();
    expect((await read()).t).toEqual([]);
  }, 120_000);
});
