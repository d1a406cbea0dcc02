// The serial consoles this server bridges, per VM, so that a takeover is told as one: libvirt
// ends the first holder's stream when another client opens the console with force, and that
// ending alone does not say why (it looks like a VM that stopped).
const KEY = Symbol.for("virtdeck.serial-sessions");
const store = globalThis as unknown as Record<symbol, Map<string, Set<SerialHolder>> | undefined>;

export interface SerialHolder {
  /** Set once another session asked for this console with force. */
  takenOver: boolean;
  /** Ends the session (set once its bridge runs). */
  stop: ((code: number, reason: string) => void) | null;
}

function byVm(): Map<string, Set<SerialHolder>> {
  let map = store[KEY];
  if (!map) {
    map = new Map();
    store[KEY] = map;
  }
  return map;
}

/** Registers a session holding `vmId`'s serial console; the returned function forgets it. */
export function holdSerial(vmId: string, holder: SerialHolder): () => void {
  const map = byVm();
  const set = map.get(vmId) ?? new Set();
  set.add(holder);
  map.set(vmId, set);
  return () => {
    set.delete(holder);
    if (set.size === 0 && map.get(vmId) === set) map.delete(vmId);
  };
}

/**
 * Marks every other holder of `vmId`'s console as taken over, before the forced open: libvirt
 * may end their streams before the open returns. The returned function undoes it (the open
 * failed), and `others` are the holders to end once the new session runs.
 */
export function markTakenOver(
  vmId: string,
  self: SerialHolder,
): { undo: () => void; others: SerialHolder[] } {
  const others = [...(byVm().get(vmId) ?? [])].filter((h) => h !== self && !h.takenOver);
  for (const h of others) h.takenOver = true;
  return {
    others,
    undo: () => {
      for (const h of others) h.takenOver = false;
    },
  };
}
