// What the fuzzed server says it changed: every audit row it wrote with outcome "ok". Each
// change asked of Virtdeck leaves one (lib/access/invoke), so besides the fuzzer's own set-up
// and its console sessions there must be none: the fuzzer built every input to be refused.
import type { ApiClient } from "../bench/api";

/** Successful actions the fuzzer causes on purpose, and why each is no change to the lab. */
const EXPECTED: Record<string, string> = {
  "auth.sign-in": "the fuzzer's own sign-in",
  "api-token.create": "the fuzzer's own API token",
  "host.add": "the lab host added to the fuzzed server's own, temporary database",
  "auth.sign-out": "signing out with the API token, which ends no session",
  "vm.console": "console tickets for the WebSocket part",
  "console.vnc.open": "console sessions of the WebSocket part (no input reaches the guest)",
  "console.vnc.close": "",
  "console.serial.open": "",
  "console.serial.close": "",
};

interface AuditPage {
  rows: { action: string; target: string; username: string }[];
  next: string | null;
}

export interface ServerChanges {
  /** Successful actions by name, with their counts. */
  counts: Map<string, number>;
  /** The ones the fuzzer did not cause on purpose: each is a failure. */
  unexpected: string[];
}

export async function serverChanges(api: ApiClient): Promise<ServerChanges> {
  const counts = new Map<string, number>();
  const unexpected: string[] = [];
  let cursor: string | null = null;
  do {
    const query: string = `outcome=ok&limit=1000${cursor ? `&cursor=${cursor}` : ""}`;
    const page: AuditPage = await api.json<AuditPage>("GET", `/api/v1/audit?${query}`);
    for (const row of page.rows) {
      counts.set(row.action, (counts.get(row.action) ?? 0) + 1);
      if (!(row.action in EXPECTED))
        unexpected.push(`${row.action} on ${row.target} by ${row.username}`);
    }
    cursor = page.next;
  } while (cursor);
  return { counts, unexpected };
}
