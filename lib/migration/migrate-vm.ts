// Live (or offline) migration of a VM between two Virtdeck hosts, as a task. Where the target
// has a migration URI its libvirtd can be reached at, the source's daemon drives the migration
// (peer-to-peer, one call); otherwise Virtdeck drives it through its own two connections
// (libvirt's begin/prepare/perform/finish/confirm, as virsh does without --p2p). Progress comes
// from the source's job stats every 200 ms; a cancel aborts the job and the VM keeps
// running on the source. libvirt copies disks only during a live migration: a shut-off VM's
// disks are copied first through the volume streams (copy-between-hosts.ts), then its
// definition moves. The VM's inventory row moves from source to target (moving-vms.ts).
import { AppError } from "@/lib/errors";
import { endMove, moveRow, startMove } from "@/lib/inventory/moving-vms";
import { observeDomain } from "@/lib/inventory/observe-domain";
import { saveObservation } from "@/lib/inventory/vm-store";
import {
  type Connection,
  type DomainRef,
  DomainXmlFlags,
  MigrateFlags,
  migrateThroughClient,
  type TypedValue,
} from "@/lib/libvirt";
import type { MigrateVmInput } from "@/lib/schemas/migration";
import { copyVolumeBetweenHosts } from "@/lib/storage/copy-between-hosts";
import { formatBytes } from "@/lib/storage/sizes";
import { openTransferConnection } from "@/lib/storage/transfer-connection";
import type { TaskRun } from "@/lib/tasks/run-task";
import { buildXml } from "@/lib/xml/build-network";
import { buildVolumeXml } from "@/lib/xml/build-storage";
import { attr, child, children, parseXml } from "@/lib/xml/parse";
import type { MigrationPlan } from "./preflight";

/** How often the job is read (a read answers in a few ms, except at the switch-over). */
const POLL_MS = 200;
/** A job read unanswered this long after the copy ran means libvirt is switching the VM over. */
const SWITCH_OVER_MS = 400;
/** Memory passes after which a migration that has not converged switches to post-copy. */
const POSTCOPY_AFTER_ITERATION = 3;

/** The flags virsh would be given for the same choices (--live --persistent --undefinesource …). */
export function migrationFlags(input: MigrateVmInput, live: boolean): number {
  let flags = live ? MigrateFlags.LIVE : MigrateFlags.OFFLINE;
  if (input.persist || !live) flags |= MigrateFlags.PERSIST_DEST | MigrateFlags.UNDEFINE_SOURCE;
  // Offline, libvirt moves no disks: Virtdeck copies them before (copyDisksOffline).
  if (live && input.storage === "copy") flags |= MigrateFlags.NON_SHARED_DISK;
  if (live && input.autoConverge) flags |= MigrateFlags.AUTO_CONVERGE;
  if (live && input.postCopy) flags |= MigrateFlags.POSTCOPY;
  return flags;
}

/** The VM's XML as the target will define it: copied disks in the chosen pool, networks mapped. */
function rewrite(xml: string, plan: MigrationPlan, paths: Map<string, string>): string {
  const doc = parseXml(xml);
  const devices = child(child(doc, "domain"), "devices");
  for (const disk of children(devices, "disk")) {
    const source = child(disk, "source");
    const to = paths.get(attr(source, "file") ?? "");
    if (to) source["@file"] = to;
  }
  for (const nic of children(devices, "interface")) {
    if (attr(nic, "type") !== "network") continue;
    const source = child(nic, "source");
    const to = plan.networks.get(attr(source, "network") ?? "");
    if (to) source["@network"] = to;
  }
  return buildXml(doc);
}

/** The phase of a running job, in words: which copy, how fast, how dirty. */
export function describeJob(stats: Record<string, TypedValue>): string {
  const n = (k: string) => Number(stats[k] ?? 0);
  const parts: string[] = [];
  if (n("disk_total") > 0 && n("disk_remaining") > 0)
    parts.push(
      `Copying disks: ${formatBytes(n("disk_processed"))} of ${formatBytes(n("disk_total"))}`,
    );
  else if (n("memory_total") > 0) {
    const pass = n("memory_iteration");
    parts.push(pass > 0 ? `Memory pass ${pass}` : "Copying memory");
    if (n("memory_remaining") > 0) parts.push(`${formatBytes(n("memory_remaining"))} left`);
    if (n("memory_dirty_rate") > 0)
      parts.push(
        `dirtying ${formatBytes(n("memory_dirty_rate") * n("memory_page_size") || n("memory_dirty_rate"))}/s`,
      );
    // QEMU's estimate of the pause at the switch-over, once it has one.
    if (n("downtime") > 0) parts.push(`expected downtime ${n("downtime")} ms`);
    if (n("memory_postcopy_requests") > 0) parts.push("post-copy");
  } else parts.push("Starting");
  if (n("memory_bps") > 0) parts.push(`${formatBytes(n("memory_bps"))}/s`);
  return parts.join(" · ");
}

/**
 * Polls the source's job until `done` settles; reports progress and switches to post-copy. The
 * pause between reads ends when the migration does, so its end is never waited for.
 */
async function followJob(
  conn: Connection,
  dom: DomainRef,
  task: TaskRun,
  options: { postCopy: boolean },
  done: Promise<unknown>,
): Promise<void> {
  let stopped = false;
  const ended = done.then(
    () => {
      stopped = true;
    },
    () => {
      stopped = true;
    },
  );
  let switched = false;
  let copied = false;
  let handingOver = false;
  while (!stopped) {
    const asked = Date.now();
    const reading = conn.domainExtras.jobStats(dom).catch(() => null);
    // Once the copy has run, a read libvirt holds back is the switch-over (it answers none while
    // it pauses the source and hands the VM over): say so once instead of going quiet.
    const slow = setTimeout(() => {
      if (!copied || handingOver || stopped) return;
      handingOver = true;
      task.progress({ phase: "Switching over: the VM pauses here and resumes on the target" });
    }, SWITCH_OVER_MS);
    const job = await reading.finally(() => clearTimeout(slow));
    if (stopped) break;
    if (job && job.type !== 0) {
      copied ||= Number(job.stats.data_processed ?? 0) > 0;
      // Answered again (a post-copy phase): the figures are news once more.
      handingOver = false;
      reportJob(task, job.stats);
      const pass = Number(job.stats.memory_iteration ?? 0);
      if (options.postCopy && !switched && pass >= POSTCOPY_AFTER_ITERATION) {
        switched = true;
        await conn.domainExtras.startPostCopy(dom).then(
          () => task.log("Memory did not converge: switched to post-copy"),
          (e: Error) => task.log(`Post-copy switch refused: ${e.message}`, "warn"),
        );
      }
    }
    const rest = POLL_MS - (Date.now() - asked);
    if (rest > 0) await Promise.race([ended, new Promise((r) => setTimeout(r, rest))]);
  }
}

/** Creates the copied disks' volumes on the target first (as virsh --copy-storage-all needs). */
async function precreate(plan: MigrationPlan, pool: string, task: TaskRun) {
  const conn = plan.target.conn;
  const ref = await conn.storage.lookupPool(pool);
  const made: { name: string; path: string }[] = [];
  for (const disk of plan.disks) {
    const xml = buildVolumeXml({ name: disk.volume, capacity: disk.capacity, format: disk.format });
    const vol = await conn.storage.createVolume(ref, xml);
    made.push({ name: vol.name, path: await conn.storage.volumePath(vol) });
    task.log(`Created ${pool}/${vol.name} on ${plan.target.name} (${formatBytes(disk.capacity)})`);
  }
  return {
    paths: new Map(plan.disks.map((d, i) => [d.path, made[i]!.path])),
    async remove() {
      for (const m of made) {
        const vol = await conn.storage.lookupVolume(ref, m.name).catch(() => null);
        if (vol) await conn.storage.deleteVolume(vol).catch(() => undefined);
        task.log(`Deleted ${pool}/${m.name} on ${plan.target.name}`, "warn");
      }
    },
  };
}

/**
 * A shut-off VM's disks, copied one after the other into the volumes made on the target,
 * through the source's download and the target's upload streams; a cancel stops the copy
 * under way (its partial volume is deleted with the others when the task ends).
 */
async function copyDisksOffline(plan: MigrationPlan, paths: Map<string, string>, task: TaskRun) {
  const total = plan.disks.reduce((sum, d) => sum + d.physical, 0);
  let before = 0;
  for (const disk of plan.disks) {
    const to = paths.get(disk.path) ?? "";
    const phase = `Copying ${disk.dev} (${disk.volume})`;
    task.progress({ phase, done: before, total, unit: "bytes" });
    const started = Date.now();
    const bytes = await copyVolumeBetweenHosts(
      { hostId: plan.source.id, path: disk.path },
      { hostId: plan.target.id, path: to },
      {
        signal: task.signal,
        onBytes: (done) => task.progress({ done: Math.min(before + done, total) }),
      },
    );
    const seconds = Math.max((Date.now() - started) / 1000, 0.001);
    task.log(
      `Copied ${disk.dev}: ${formatBytes(bytes)} to ${to} on ${plan.target.name} in ${seconds.toFixed(1)} s (${formatBytes(bytes / seconds)}/s)`,
    );
    before += disk.physical;
    task.stopIfCancelled();
  }
  task.progress({ phase: "Moving the definition", done: total, total });
}

/** One end of a migration, as settling it needs it. */
export interface MigrationEnd {
  id: string;
  conn: Connection;
}

/**
 * Where the VM is after a migration ended (its job finished, failed or was cancelled): ends the
 * move, puts its one row on that host and reads it there. A temporary move leaves the source's
 * definition (shut off): that is the VM there too.
 */
export async function settle(
  uuid: string,
  source: MigrationEnd,
  target: MigrationEnd,
): Promise<"target" | "source"> {
  const there = await target.conn.domains.lookupByUuid(uuid).catch(() => null);
  const here = await source.conn.domains.lookupByUuid(uuid).catch(() => null);
  // The row moves before the move ends: the source's "undefined" event, which may come right
  // after the call returned, then finds no row of this VM there to mark gone.
  try {
    if (there) await moveRow(uuid, source.id, target.id);
    else await moveRow(uuid, target.id, source.id);
  } finally {
    endMove(uuid);
  }
  if (there) await saveObservation(target.id, await observeDomain(target.conn, there, true));
  if (here) await saveObservation(source.id, await observeDomain(source.conn, here, true));
  return there ? "target" : "source";
}

/** One read of the job's stats as the task's progress and phase. */
export function reportJob(task: TaskRun, stats: Record<string, TypedValue>): void {
  task.progress({
    phase: describeJob(stats),
    done: Number(stats.data_processed ?? 0),
    total: Number(stats.data_total ?? 0),
    unit: "bytes",
  });
}

async function removeSourceDisks(plan: MigrationPlan, task: TaskRun): Promise<void> {
  for (const disk of plan.disks) {
    const vol = await plan.source.conn.storage.lookupVolumeByPath(disk.path).catch(() => null);
    if (!vol) continue;
    await plan.source.conn.storage.deleteVolume(vol).then(
      () => task.log(`Deleted the source's copy ${vol.pool}/${vol.name} on ${plan.source.name}`),
      (e: Error) =>
        task.log(`Could not delete ${disk.path} on ${plan.source.name}: ${e.message}`, "warn"),
    );
  }
}

/** How a migration starts as a task (one VM alone, or one VM of an evacuation). */
export function migrationTask(plan: MigrationPlan, input: MigrateVmInput, from: string) {
  return {
    kind: "vm.migrate",
    title: `Migrate ${plan.vm.name} to ${plan.target.name}`,
    // Offline, only the disk copy takes time: moving the definition is one quick call.
    cancel:
      plan.live ||
      (input.storage === "copy" ? "stops the disk copy; the VM stays on its host" : false),
    facts: { from, to: plan.target.id },
  };
}

export async function runMigration(
  plan: MigrationPlan,
  input: MigrateVmInput,
  task: TaskRun,
): Promise<{ vmId: string; host: string }> {
  const flags = migrationFlags(input, plan.live);
  const how = plan.target.migrationUri
    ? `peer to peer: ${plan.source.name}'s libvirtd connects to ${plan.target.migrationUri}`
    : "driven by Virtdeck through both hosts' connections";
  task.log(
    `${plan.live ? "Live" : "Offline"} migration of ${plan.vm.name} from ${plan.source.name} to ${plan.target.name} (${how})`,
  );
  const storage =
    input.storage === "copy" && input.pool ? await precreate(plan, input.pool, task) : null;
  const xmlFlags = DomainXmlFlags.SECURE | DomainXmlFlags.MIGRATABLE;
  const [liveXml, inactiveXml] = await Promise.all([
    plan.source.conn.domains.xml(plan.dom, xmlFlags | (plan.live ? 0 : DomainXmlFlags.INACTIVE)),
    plan.source.conn.domains.xml(plan.dom, xmlFlags | DomainXmlFlags.INACTIVE),
  ]);
  const paths = storage?.paths ?? new Map<string, string>();
  const params: Record<string, TypedValue> = {
    destination_xml: rewrite(liveXml, plan, paths),
  };
  if (flags & MigrateFlags.PERSIST_DEST) params.persistent_xml = rewrite(inactiveXml, plan, paths);
  if (plan.target.migrationAddress) params.migrate_uri = plan.target.migrationAddress;
  if (input.bandwidthMib) params.bandwidth = BigInt(input.bandwidthMib);

  // The blocking call runs on a connection of its own; the host's connection polls the job.
  const mover = await openTransferConnection(plan.source.id);
  if (plan.live)
    task.onCancel(async () => {
      task.log("Aborting the migration job; the VM stays on the source");
      await plan.source.conn.domainExtras
        .abortJob(plan.dom)
        .catch((e: Error) => task.log(`Abort refused: ${e.message}`, "warn"));
    });
  const started = Date.now();
  try {
    if (!plan.live && storage) {
      await copyDisksOffline(plan, paths, task);
      // Started meanwhile, it wrote to disks already copied: it stays where it is.
      if (await plan.source.conn.domains.isActive(plan.dom))
        throw new AppError(
          "conflict",
          `${plan.vm.name} was started on ${plan.source.name} during the copy; it stays there`,
        );
    }
    if (plan.live && input.maxDowntimeMs)
      await plan.source.conn.domainExtras
        .setMaxDowntime(plan.dom, input.maxDowntimeMs)
        .catch((e: Error) => task.log(`Maximum downtime not set: ${e.message}`, "warn"));
    if (plan.live) task.progress({ phase: "Starting", unit: "bytes" });
    // From here the source's view of the VM is not written: the target's takes its row over.
    startMove(plan.vm.uuid, { from: plan.source.id, to: plan.target.id });
    const dom = await mover.domains.lookupByUuid(plan.vm.uuid);
    const moving = plan.target.migrationUri
      ? mover.domainExtras.migrate(dom, plan.target.migrationUri, { flags, params })
      : migrateThroughClient(mover, plan.target.conn, dom, { flags, params });
    const follow = { postCopy: input.postCopy };
    const polling = followJob(plan.source.conn, plan.dom, task, follow, moving);
    try {
      await moving;
    } finally {
      await polling;
    }
    task.log(`Migrated in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } catch (error) {
    const where = await settle(plan.vm.uuid, plan.source, plan.target).catch(
      () => "source" as const,
    );
    if (where === "source") task.log(`${plan.vm.name} is on ${plan.source.name}`);
    if (where === "source") await storage?.remove();
    throw error;
  } finally {
    await mover.close().catch(() => undefined);
  }
  const where = await settle(plan.vm.uuid, plan.source, plan.target);
  if (where !== "target") throw new Error(`${plan.vm.name} is still on ${plan.source.name}`);
  // The disks were copied and the source no longer has the VM: its old volumes go too.
  if (storage && flags & MigrateFlags.UNDEFINE_SOURCE) await removeSourceDisks(plan, task);
  return { vmId: plan.vm.id, host: plan.target.id };
}
