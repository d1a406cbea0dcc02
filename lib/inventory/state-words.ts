// State and reason words exactly as `virsh domstate --reason` prints them (virsh-domain-monitor.c).
import { virshStateWord } from "@/lib/libvirt";

const REASONS: Record<number, readonly string[]> = {
  1: [
    "unknown",
    "booted",
    "migrated",
    "restored",
    "from snapshot",
    "unpaused",
    "migration canceled",
    "save canceled",
    "event wakeup",
    "crashed",
    "post-copy",
  ],
  2: ["unknown"],
  3: [
    "unknown",
    "user",
    "migrating",
    "saving",
    "dumping",
    "I/O error",
    "watchdog",
    "from snapshot",
    "shutting down",
    "creating snapshot",
    "starting up",
    "post-copy",
    "post-copy failed",
    "api error",
  ],
  4: ["unknown", "user"],
  5: [
    "unknown",
    "shutdown",
    "destroyed",
    "crashed",
    "migrated",
    "saved",
    "failed",
    "from snapshot",
    "daemon",
  ],
  6: ["unknown", "panicked"],
  7: ["unknown"],
};

export function stateWords(
  state: number,
  reason: number,
): { state: string; reason: string | null } {
  return { state: virshStateWord(state), reason: REASONS[state]?.[reason] ?? null };
}

/** The states in which a VM runs (for the actions offered and counts). */
export const ACTIVE_STATES: ReadonlySet<string> = new Set([
  "running",
  "idle",
  "paused",
  "in shutdown",
  "pmsuspended",
]);
