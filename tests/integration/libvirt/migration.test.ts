/**
 * Live peer-to-peer migration through this client: host 1's daemon is asked (one
 * DOMAIN_MIGRATE_PERFORM3_PARAMS call) to move a running tiny guest to host 2, which it reaches
 * at qemu+tcp://10.250.0.2/system; the guest's memory goes over LAB_HOST2_MIGRATE_URI.
 * virsh on both hosts is the oracle; job stats are polled on a second connection meanwhile,
 * and lifecycle events are watched on both sides (host 2 over TCP).
 */
import { afterAll, describe, expect, it } from "vitest";
import {
  type Connection,
  connect,
  type DomainLifecycleEvent,
  LibvirtError,
  MigrateFlags,
} from "@/lib/libvirt";
import { freshGuestName, removeTinyGuest, startTinyGuest } from "../lab/tiny-guest";
import { labEnv } from "../support/lab-env";
import { defineXml, guestXml, virsh } from "../support/virsh";

const lab = labEnv();
const H1 = lab.LAB_URI;
const H2 = lab.LAB_HOST2_TCP_URI; // both the destination the source daemon dials and our view
const name = freshGuestName("vd-lv-mig");
const idle = freshGuestName("vd-lv-mig-off");
const opened: Connection[] = [];

async function open(uri: string): Promise<Connection> {
  const c = await connect(uri);
  opened.push(c);
  return c;
}

async function listed(uri: string): Promise<string[]> {
  return (await virsh(uri, "list", "--all", "--name")).split("\n").filter(Boolean);
}

afterAll(async () => {
  for (const c of opened) await c.close().catch(() => undefined);
  await removeTinyGuest(lab, name);
  await removeTinyGuest(lab, idle);
});

describe("peer-to-peer migration through domainExtras.migrate", () => {
  it("moves a running guest live from host 1 to host 2 (persistent there, gone here)", async () => {
    await startTinyGuest(lab, name);
    const [mover, watcher, dest] = await Promise.all([open(H1), open(H1), open(H2)]);
    const dom = await mover.domains.lookupByName(name);

    const seen1: string[] = [];
    const seen2: string[] = [];
    const tag = (e: DomainLifecycleEvent) => `${e.event}/${e.detail}`;
    await watcher.events.subscribe("domain-lifecycle", (e) => {
      if (e.dom.name === name) seen1.push(tag(e));
    });
    await dest.events.subscribe("domain-lifecycle", (e) => {
      if (e.dom.name === name) seen2.push(tag(e));
    });

    // Poll the job on another connection while the migration call blocks on its own.
    const samples: { type: number; operation?: unknown; processed?: unknown }[] = [];
    let done = false;
    const poll = (async () => {
      const d = await watcher.domains.lookupByName(name);
      while (!done) {
        const s = await watcher.domainExtras.jobStats(d).catch(() => undefined);
        if (s && s.type !== 0) {
          samples.push({
            type: s.type,
            operation: s.stats.operation,
            processed: s.stats.memory_processed,
          });
        }
        await new Promise((r) => setTimeout(r, 100));
      }
    })();

    const t0 = Date.now();
    try {
      await mover.domainExtras.migrate(dom, H2, {
        flags: MigrateFlags.LIVE | MigrateFlags.PERSIST_DEST | MigrateFlags.UNDEFINE_SOURCE,
        params: { migrate_uri: lab.LAB_HOST2_MIGRATE_URI },
      });
    } finally {
      done = true;
      await poll;
    }
    const ms = Date.now() - t0;

    // The oracle, both sides.
    expect(await virsh(H2, "domstate", name)).toBe("running");
    expect(await virsh(H2, "dominfo", name)).toMatch(/^Persistent:\s+yes$/m);
    expect(await listed(H1)).not.toContain(name);
    // Our view of host 2 agrees, and the guest keeps its UUID.
    const there = await dest.domains.lookupByName(name);
    expect(there.uuid).toEqual(dom.uuid);
    expect((await dest.domains.state(there)).state).toBe("running");

    // The completed job as host 2 recorded it (kept, so virsh can read the same record).
    const done2 = await dest.domainExtras.jobStats(there, 1 | 2); // COMPLETED | KEEP_COMPLETED
    expect(done2.type).toBe(3); // completed
    const info = await virsh(H2, "domjobinfo", "--completed", name);
    expect(info).toMatch(/^Job type:\s+Completed\s*$/m);
    expect(done2.stats.operation).toBe(4); // virDomainJobOperation MIGRATION_IN
    expect(info).toMatch(/^Operation:\s+Incoming migration\s*$/m);
    const total = Number(done2.stats.memory_total);
    expect(total).toBeGreaterThan(0);
    const mib = (total / 2 ** 20).toFixed(3);
    expect(info).toMatch(new RegExp(`^Memory total:\\s+${mib} MiB\\s*$`, "m"));
    const elapsed = Number(done2.stats.time_elapsed);
    expect(info).toMatch(new RegExp(`^Time elapsed:\\s+${elapsed}\\s+ms\\s*$`, "m"));

    // Events: host 1 saw the guest leave, host 2 saw it arrive.
    const waitEvents = async (list: string[], want: string) => {
      const deadline = Date.now() + 10_000;
      while (!list.includes(want) && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    await waitEvents(seen1, "stopped/migrated");
    await waitEvents(seen2, "resumed/migrated");
    console.info(`host 1 events: ${seen1.join(" ")}; host 2 events: ${seen2.join(" ")}`);
    // As `virsh event --loop` on each host shows: libvirt 9.0 sends no "undefined" event for
    // UNDEFINE_SOURCE (the source's last word is stopped/migrated), and PERSIST_DEST makes
    // host 2 send defined/added between started and resumed.
    expect(seen1).toEqual(["suspended/migrated", "stopped/migrated"]);
    expect(seen2).toEqual(["started/migrated", "defined/added", "resumed/migrated"]);

    // Job stats seen while it ran: an unbounded job of operation MIGRATION_OUT (5).
    console.info(
      `${name}: migrated in ${ms} ms, ${samples.length} job samples, ` +
        `${(total / 2 ** 20).toFixed(1)} MiB; host 1 events ${seen1.join(" ")}; ` +
        `host 2 events ${seen2.join(" ")}`,
    );
    if (samples.length > 0) {
      expect(samples.every((s) => s.type === 2)).toBe(true);
      expect(samples.some((s) => s.operation === 5)).toBe(true); // MIGRATION_OUT
    }
  }, 180_000);

  it("reports libvirt's error for a guest that is not running, as virsh does", async () => {
    await defineXml(H1, await guestXml(lab, idle));
    const c = await open(H1);
    const dom = await c.domains.lookupByName(idle);
    const err = await c.domainExtras
      .migrate(dom, H2, { flags: MigrateFlags.LIVE, timeout: 30_000 })
      .then(
        () => new Error("migrated unexpectedly"),
        (e: Error) => e,
      );
    expect(err).toBeInstanceOf(LibvirtError);
    expect(err.message).toMatch(/domain is not running/);
    const oracle = await virsh(H1, "migrate", "--live", "--p2p", idle, H2).then(
      () => "",
      (e: Error) => e.message,
    );
    expect(oracle).toContain(err.message);
    expect(await listed(lab.LAB_HOST2_URI)).not.toContain(idle);
  });
});
