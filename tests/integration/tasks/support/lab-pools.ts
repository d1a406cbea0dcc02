// Directory pools made for a test on a lab host, the names virsh lists, and the wait for a task
// to end: what the migration tests read their oracle through.
import { mkdirSync, rmSync } from "node:fs";
import { virsh, waitFor } from "../../support/virsh";

export interface LabPool {
  name: string;
  dir: string;
}

/** The volume names of a pool (virsh 9's vol-list has no --name; `virsh -q` prints no header). */
export async function volNames(uri: string, pool: string): Promise<string[]> {
  const out = await virsh(uri, "vol-list", pool).catch(() => "");
  return out
    .split("\n")
    .map((l) => l.trim().split(/\s+/)[0] ?? "")
    .filter(Boolean);
}

export async function definePool(uri: string, pool: LabPool): Promise<void> {
  mkdirSync(pool.dir, { recursive: true });
  await virsh(uri, "pool-define-as", pool.name, "dir", "--target", pool.dir);
  await virsh(uri, "pool-start", pool.name);
}

/** Deletes the pool's volumes, the pool and its directory; never throws (for clean-up hooks). */
export async function removePool(uri: string, pool: LabPool): Promise<void> {
  for (const v of await volNames(uri, pool.name))
    await virsh(uri, "vol-delete", "--pool", pool.name, v).catch(() => undefined);
  await virsh(uri, "pool-destroy", pool.name).catch(() => undefined);
  await virsh(uri, "pool-undefine", pool.name).catch(() => undefined);
  rmSync(pool.dir, { recursive: true, force: true });
}

/** Every domain a host has, running or not, by name. */
export async function domainNames(uri: string): Promise<string[]> {
  return (await virsh(uri, "list", "--all", "--name")).split("\n").filter(Boolean);
}

interface TaskLike {
  state: string;
}

/** Reads the task until it is no longer running and returns it as it ended. */
export function taskEnded<T extends TaskLike>(
  read: () => Promise<T>,
  id: string,
  timeoutMs = 240_000,
): Promise<T> {
  return waitFor(
    `task ${id} to end`,
    async () => {
      const task = await read();
      return task.state === "running" ? undefined : task;
    },
    timeoutMs,
    250,
  );
}
