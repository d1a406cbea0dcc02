/** Lifecycle event and detail codes mapped to words (libvirt-domain.h, libvirt-network.h). */

/** virDomainEventType → word. */
export const DOMAIN_EVENTS = [
  "defined",
  "undefined",
  "started",
  "suspended",
  "resumed",
  "stopped",
  "shutdown",
  "pmsuspended",
  "crashed",
] as const;

/** Detail words per domain lifecycle event, indexed by detail code. */
export const DOMAIN_EVENT_DETAILS: readonly (readonly string[])[] = [
  ["added", "updated", "renamed", "from-snapshot"],
  ["removed", "renamed"],
  ["booted", "migrated", "restored", "from-snapshot", "wakeup", "recreated"],
  [
    "paused",
    "migrated",
    "ioerror",
    "watchdog",
    "restored",
    "from-snapshot",
    "api-error",
    "postcopy",
    "postcopy-failed",
  ],
  ["unpaused", "migrated", "from-snapshot", "postcopy", "postcopy-failed"],
  ["shutdown", "destroyed", "crashed", "migrated", "saved", "failed", "from-snapshot", "recreated"],
  ["finished", "guest", "host"],
  ["memory", "disk"],
  ["panicked", "crashloaded"],
];

/** virNetworkEventLifecycleType → word. */
export const NETWORK_EVENTS = ["defined", "undefined", "started", "stopped"] as const;

/** Word for a domain lifecycle event code ("unknown-N" for codes newer than this table). */
export function domainEventWord(event: number): string {
  return DOMAIN_EVENTS[event] ?? `unknown-${event}`;
}

/** Word for a domain lifecycle detail code, given its event. */
export function domainEventDetailWord(event: number, detail: number): string {
  return DOMAIN_EVENT_DETAILS[event]?.[detail] ?? `unknown-${detail}`;
}

/** virStoragePoolEventLifecycleType, in order. */
export const STORAGE_POOL_EVENTS = [
  "defined",
  "undefined",
  "started",
  "stopped",
  "created",
  "deleted",
] as const;

/** Word for a storage pool lifecycle event code. */
export function storagePoolEventWord(event: number): string {
  return STORAGE_POOL_EVENTS[event] ?? `unknown-${event}`;
}

/** Word for a network lifecycle event code. */
export function networkEventWord(event: number): string {
  return NETWORK_EVENTS[event] ?? `unknown-${event}`;
}
