// Ids for jobs whose progress a browser follows on /ws/events.
/**
 * A random UUID (v4) for a new job. crypto.randomUUID exists only in secure contexts, and
 * operators often open the dashboard over plain http on the LAN; getRandomValues works in both.
 */
export function newJobId(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
