import type { VmAction } from "@/lib/schemas/vm";

/** Which lifecycle actions make sense in each state (as virsh names states). */
const BY_STATE: Record<string, readonly VmAction[]> = {
  running: ["shutdown", "destroy", "reboot", "reset", "suspend"],
  idle: ["shutdown", "destroy", "reboot", "reset", "suspend"],
  paused: ["resume", "destroy", "reset"],
  "in shutdown": ["destroy"],
  "shut off": ["start"],
  crashed: ["start", "destroy"],
  pmsuspended: ["destroy", "reset"],
};

export function actionsFor(state: string): readonly VmAction[] {
  return BY_STATE[state] ?? [];
}

/** Actions that lose guest state and therefore ask for confirmation. */
export const DESTRUCTIVE_ACTIONS: ReadonlySet<VmAction> = new Set(["destroy", "reset"]);

export const ACTION_LABELS: Record<VmAction, string> = {
  start: "Start",
  shutdown: "Shut down",
  destroy: "Force off",
  reboot: "Reboot",
  reset: "Reset",
  suspend: "Pause",
  resume: "Resume",
};
