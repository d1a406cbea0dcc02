// After a restart: a migration task the previous process left running is followed again. The
// source's job info says whether the migration still runs (a peer-to-peer migration goes on in
// the source's daemon without us); when it has ended, where the VM is decides the outcome. Until
// then the VM counts as moving, so neither host's first sync shows it twice.
import { connectionManager } from "@/lib/hosts/connection-manager";
import { endMove, startMove } from "@/lib/inventory/moving-vms";
import type { Connection } from "@/lib/libvirt";
import { resumeTask, type TaskRun } from "@/lib/tasks/run-task";
import type { TaskSummary } from "@/lib/tasks/summary";
import { reportJob, settle } from "./migrate-vm";

const WAIT_FOR_HOSTS_MS = 60_000;
const POLL_MS = 500;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function online(hostId: string): Promise<Connection> {
  const deadline = Date.now() + WAIT_FOR_HOSTS_MS;
  for (;;) {
    try {
      return connectionManager().connection(hostId);
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await pause(POLL_MS);
    }
  }
}

async function followAgain(task: TaskRun, uuid: string, from: string, to: string) {
  try {
    const source = await online(from);
    const target = await online(to);
    const dom = await source.domains.lookupByUuid(uuid).catch(() => null);
    if (dom) {
      task.onCancel(() => source.domainExtras.abortJob(dom));
      let seen = false;
      for (;;) {
        const job = await source.domainExtras.jobStats(dom).catch(() => null);
        if (!job || job.type === 0) break;
        if (!seen) task.log("The migration job is still running on the source: following it");
        seen = true;
        reportJob(task, job.stats);
        await pause(POLL_MS);
      }
    }
    const where = await settle(uuid, { id: from, conn: source }, { id: to, conn: target });
    if (where === "source")
      throw new Error("The migration did not complete: the VM is still on the source host");
    task.log("The VM runs on the target: the migration completed");
    return { host: to };
  } finally {
    endMove(uuid);
  }
}

export async function followMigration(task: TaskSummary): Promise<boolean> {
  const facts = task.result as { from?: string; to?: string } | null;
  const uuid = task.vmUuid;
  if (!facts?.from || !facts.to || !uuid) return false;
  const { from, to } = facts;
  startMove(uuid, { from, to });
  resumeTask(
    task,
    (run) => followAgain(run, uuid, from, to),
    "The server restarted during this migration: looking for its job on the source host",
  );
  return true;
}

/** Task kinds a restarted server follows again rather than marking interrupted. */
export const TASK_FOLLOWERS = { "vm.migrate": followMigration };
