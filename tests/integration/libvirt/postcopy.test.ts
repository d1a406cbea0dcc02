/**
 * Post-copy through this client: a peer-to-peer migration of the tiny guest from host 1 to host
 * 2 with VIR_MIGRATE_POSTCOPY, slowed by a bandwidth limit so the memory copy is still under way,
 * is switched to post-copy with DOMAIN_MIGRATE_START_POST_COPY (procedure 364). The oracle:
 * libvirt refuses the same call, in its words, when no migration runs; the source's lifecycle
 * events name the switch (suspended/postcopy, as `virsh event` shows it); virsh says where the
 * guest runs afterwards.
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
import { virsh } from "../support/virsh";

const lab = labEnv();
const H1 = lab.LAB_URI;
const H2 = lab.LAB_HOST2_TCP_URI;
const name = freshGuestName("vd-lv-postcopy");
const opened: Connection[] = [];

async function open(uri: string): Promise<Connection> {
  const c = await connect(uri);
  opened.push(c);
  return c;
}

afterAll(async () => {
  for (const c of opened) await c.close().catch(() => undefined);
  await removeTinyGuest(lab, name);
});

describe("post-copy switch-over", () => {
  it("is refused in libvirt's words when no migration runs, and switches a running one", async () => {
    await startTinyGuest(lab, name);
    const [mover, watcher] = await Promise.all([open(H1), open(H1)]);
    const dom = await watcher.domains.lookupByName(name);
    const idle = await watcher.domainExtras.startPostCopy(dom).catch((e: unknown) => e);
    expect(idle).toBeInstanceOf(LibvirtError);
    expect((idle as Error).message).toContain(
      "post-copy can only be started while outgoing migration is in progress",
    );

    const seen: string[] = [];
    await watcher.events.subscribe("domain-lifecycle", (e: DomainLifecycleEvent) => {
      if (e.dom.name === name) seen.push(`${e.event}/${e.detail}`);
    });
    const moving = mover.domainExtras.migrate(await mover.domains.lookupByName(name), H2, {
      flags:
        MigrateFlags.LIVE |
        MigrateFlags.PERSIST_DEST |
        MigrateFlags.UNDEFINE_SOURCE |
        MigrateFlags.POSTCOPY,
      params: { migrate_uri: lab.LAB_HOST2_MIGRATE_URI, bandwidth: 1n },
    });
    const ended = moving.then(
      () => "done",
      (e: Error) => e.message,
    );
    // Wait for the memory copy to be under way, then switch.
    const deadline = Date.now() + 60_000;
    for (;;) {
      const job = await watcher.domainExtras.jobStats(dom).catch(() => null);
      if (job && job.type !== 0 && Number(job.stats.memory_processed ?? 0) > 0) break;
      if (Date.now() > deadline) throw new Error("the migration's memory copy never started");
      await new Promise((r) => setTimeout(r, 100));
    }
    await watcher.domainExtras.startPostCopy(dom);
    expect(await ended).toBe("done");
    expect(await virsh(H2, "domstate", name)).toBe("running");
    const here = (await virsh(H1, "list", "--all", "--name")).split("\n");
    expect(here).not.toContain(name);
    const wait = Date.now() + 10_000;
    while (!seen.includes("stopped/migrated") && Date.now() < wait)
      await new Promise((r) => setTimeout(r, 100));
    console.info(`host 1 events during the post-copy migration: ${seen.join(" ")}`);
    expect(seen).toContain("suspended/postcopy");
  }, 180_000);
});
