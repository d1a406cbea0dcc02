// What virsh lists on a lab host (a pool's volumes, the domains) and the wait for a task to end:
// what the migration tests read their oracle through.
import { virsh, waitFor } from "../../support/virsh";

/** The volume names of a pool (virsh 9's vol-list has no --name; `virsh -q` prints no header). */
export async function volNames(uri: string, pool: string): Promise<string[]> {
  const out = await virsh(uri, "vol-list", pool).catch(() => "");
  return out
    .split("\n")
    .map((l) => l.trim().split(/\s+/)[0] ?? "")
    .filter(Boolean);
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
