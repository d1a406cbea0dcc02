/** Domain, pool and volume state codes mapped to the words virsh prints. */

/** virDomainState → word. */
export const DOMAIN_STATES = [
  "nostate",
  "running",
  "blocked",
  "paused",
  "shutdown",
  "shutoff",
  "crashed",
  "pmsuspended",
] as const;

/** A domain state word. */
export type DomainStateWord = (typeof DOMAIN_STATES)[number] | "unknown";

/** The word for a virDomainState code. */
export function domainStateWord(state: number): DomainStateWord {
  return DOMAIN_STATES[state] ?? "unknown";
}

/** The words virsh domstate prints ("shut off", "in shutdown", …). */
export function virshStateWord(state: number): string {
  const words = [
    "no state",
    "running",
    "idle",
    "paused",
    "in shutdown",
    "shut off",
    "crashed",
    "pmsuspended",
  ];
  return words[state] ?? "unknown";
}

/** virStoragePoolState → word. */
export function poolStateWord(state: number): string {
  return ["inactive", "building", "running", "degraded", "inaccessible"][state] ?? "unknown";
}

/** virStorageVolType → word. */
export function volTypeWord(type: number): string {
  return ["file", "block", "dir", "network", "netdir", "ploop"][type] ?? "unknown";
}
