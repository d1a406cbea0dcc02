// Several VMs migrated as one parent task with a child task per VM, N at a time: a host's
// evacuation, or a selection from the VM list. Each VM goes to the chosen host or, when none is
// chosen, to the candidate with the most free memory (less the memory this run has already
// sent there) whose pre-flight checks pass. A cancel of the parent starts no more migrations
// and aborts the ones under way (each VM then stays where it was).
import type { Access } from "@/lib/access/access";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { connectionManager } from "@/lib/hosts/connection-manager";
import type { MigrateVmInput } from "@/lib/schemas/migration";
import { formatBytes } from "@/lib/storage/sizes";
import { runChildTask, type TaskRun } from "@/lib/tasks/run-task";
import { migrationTask, runMigration } from "./migrate-vm";
import { type MigrationPlan, preflight } from "./preflight";

const KIB = 1024;

export interface VmToMove {
  id: string;
  name: string;
  uuid: string;
  hostId: string;
  hostName: string;
  memoryKiB: number;
}

export interface ManyMigration {
  vms: VmToMove[];
  /** Host ids the VMs may go to: one when the operator chose it, else every candidate. */
  targets: string[];
  /** What each VM is migrated with (the target is chosen per VM). */
  options: Pick<MigrateVmInput, "storage" | "pool" | "autoConverge">;
  concurrency: number;
  /** The caller's permissions: a VM they may not migrate, or a host they may not fill, is skipped. */
  access: Access;
}

export interface ManyOutcome {
  migrated: { vm: string; to: string; task: string }[];
  failed: { vm: string; why: string }[];
}

/** The VMs of a host an evacuation moves: the running ones, and the shut-off ones if asked; biggest first. */
export async function vmsToEvacuate(hostId: string, includeStopped: boolean): Promise<VmToMove[]> {
  const rows = await db.vm.findMany({
    where: { hostId, goneAt: null },
    include: { host: { select: { name: true } } },
    orderBy: [{ memoryKiB: "desc" }, { name: "asc" }],
  });
  return rows
    .filter((v) => includeStopped || ["running", "paused", "idle"].includes(v.state))
    .map(toMove);
}

/** The VMs of a multi-VM migration, in the order given; unknown ids are refused by the caller's check. */
export async function vmsById(ids: string[]): Promise<VmToMove[]> {
  const rows = await db.vm.findMany({
    where: { id: { in: ids }, goneAt: null },
    include: { host: { select: { name: true } } },
  });
  const byId = new Map(rows.map((r) => [r.id, toMove(r)]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

function toMove(v: {
  id: string;
  name: string;
  uuid: string;
  hostId: string;
  memoryKiB: number;
  host: { name: string };
}): VmToMove {
  return {
    id: v.id,
    name: v.name,
    uuid: v.uuid,
    hostId: v.hostId,
    hostName: v.host.name,
    memoryKiB: v.memoryKiB,
  };
}

/** Online hosts other than `except`, not in maintenance, that the caller may put VMs on. */
export async function candidateHosts(except: string, access: Access): Promise<string[]> {
  const hosts = await db.host.findMany({
    where: { id: { not: except }, status: "online", maintenance: false },
    orderBy: { name: "asc" },
  });
  return hosts
    .filter((h) => access.can("VM.Allocate", { kind: "host", hostId: h.id }))
    .map((h) => h.id);
}

async function freeMemory(hostId: string): Promise<number> {
  const host = await db.host.findUnique({ where: { id: hostId }, select: { name: true } });
  if (!host) return 0;
  return connectionManager()
    .connection(hostId, host.name)
    .host.freeMemory()
    .catch(() => 0);
}

export async function migrateMany(task: TaskRun, m: ManyMigration): Promise<ManyOutcome> {
  const total = m.vms.length;
  const outcome: ManyOutcome = { migrated: [], failed: [] };
  let done = 0;
  task.progress({ done, total, unit: "vms", phase: total ? "Choosing targets" : "Nothing to do" });
  if (total === 0) task.log("No VM to migrate");
  /** Memory this run has sent (or is sending) to each host, not yet in its free memory. */
  const sent = new Map<string, number>();
  const queue = [...m.vms];
  // One VM's target is chosen at a time, so two workers do not both count on the same memory.
  let choosing: Promise<unknown> = Promise.resolve();

  const fail = async (vm: VmToMove, why: string) => {
    outcome.failed.push({ vm: vm.name, why });
    task.log(`${vm.name}: not migrated: ${why}`, "error");
  };

  const choose = async (vm: VmToMove): Promise<{ plan: MigrationPlan; input: MigrateVmInput }> => {
    const free = await Promise.all(
      m.targets.map(async (id) => ({
        id,
        free: (await freeMemory(id)) - (sent.get(id) ?? 0),
      })),
    );
    free.sort((a, b) => b.free - a.free);
    const refusals: string[] = [];
    for (const { id } of free) {
      if (id === vm.hostId) continue;
      if (
        m.options.storage === "copy" &&
        m.options.pool &&
        !m.access.can("Datastore.AllocateSpace", { kind: "pool", hostId: id, pool: m.options.pool })
      ) {
        refusals.push(`you may not use pool ${m.options.pool} there`);
        continue;
      }
      const input: MigrateVmInput = {
        id: vm.id,
        target: id,
        storage: m.options.storage,
        pool: m.options.pool,
        persist: true,
        autoConverge: m.options.autoConverge,
        postCopy: false,
        networks: {},
      };
      const { checks, plan } = await preflight(input);
      if (plan) {
        sent.set(id, (sent.get(id) ?? 0) + vm.memoryKiB * KIB);
        return { plan, input };
      }
      const failed = checks.filter((c) => !c.ok).map((c) => `${c.name}: ${c.detail}`);
      refusals.push(failed.join("; "));
    }
    throw new Error(
      refusals.length
        ? `no host passes the checks (${refusals.join(" | ")})`
        : m.targets.includes(vm.hostId)
          ? `it is already on ${vm.hostName}`
          : "there is no other host to migrate to",
    );
  };

  const migrateOne = async (vm: VmToMove) => {
    const object = { kind: "vm" as const, hostId: vm.hostId, uuid: vm.uuid };
    const label = `${vm.name} on ${vm.hostName}`;
    if (!m.access.can("VM.Migrate", object)) {
      await recordAudit({
        user: task.user,
        action: "vm.migrate",
        target: label,
        objectPath: null,
        outcome: "refused",
        detail: `part of task ${task.id}: lacks VM.Migrate`,
      });
      return fail(vm, "you may not migrate it (VM.Migrate)");
    }
    let chosen: { plan: MigrationPlan; input: MigrateVmInput };
    try {
      const pick = choosing.then(() => choose(vm));
      choosing = pick.catch(() => undefined);
      chosen = await pick;
    } catch (error) {
      return fail(vm, (error as Error).message);
    }
    const { plan, input } = chosen;
    task.log(
      `${vm.name} (${formatBytes(vm.memoryKiB * KIB)}) → ${plan.target.name}${plan.live ? "" : ` (shut off: its definition moves${input.storage === "copy" ? ", its disks are copied" : ""})`}`,
    );
    await recordAudit({
      user: task.user,
      action: "vm.migrate",
      target: label,
      objectPath: null,
      outcome: "ok",
      detail: `to ${plan.target.name}, storage ${input.storage}; part of task ${task.id}`,
    });
    const child = await runChildTask(
      task,
      { object, label },
      migrationTask(plan, input, vm.hostId),
      (run) => runMigration(plan, input, run),
    );
    if (child.state === "succeeded")
      outcome.migrated.push({ vm: vm.name, to: plan.target.name, task: child.id });
    else await fail(vm, child.error ?? child.state);
    sent.set(plan.target.id, Math.max(0, (sent.get(plan.target.id) ?? 0) - vm.memoryKiB * KIB));
  };

  const worker = async () => {
    for (let vm = queue.shift(); vm; vm = queue.shift()) {
      if (task.signal.aborted) return;
      await migrateOne(vm);
      done += 1;
      task.progress({ done, phase: `${done} of ${total} handled` });
    }
  };
  await Promise.all(Array.from({ length: Math.min(m.concurrency, total) }, worker));
  task.stopIfCancelled();
  task.log(`${outcome.migrated.length} of ${total} migrated`);
  if (outcome.failed.length > 0)
    throw new AppError(
      "conflict",
      `${outcome.failed.length} of ${total} not migrated: ${outcome.failed.map((f) => `${f.vm} (${f.why})`).join("; ")}`,
    );
  return outcome;
}
