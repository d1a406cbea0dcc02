// Console tickets: short-lived, single-use, bound to one user, one VM and one console type.
// Issued by a server action or the API after the permission check; redeemed by the WebSocket
// upgrade. They live in memory on globalThis because Next's bundle (which issues them) and
// server.ts (which redeems them) load separate copies of this module in one process.
import { createHash, randomBytes } from "node:crypto";
import { AppError } from "@/lib/errors";
import type { ConsoleType } from "@/lib/schemas/console";

export const TICKET_TTL_MS = 30_000;
/**
 * Outstanding tickets are capped so that a busy script cannot grow memory without end: per user
 * (a user's newest ticket evicts that user's oldest, never someone else's), and in all.
 */
export const MAX_TICKETS_PER_USER = 100;
const MAX_OUTSTANDING = 10_000;
const KEY = Symbol.for("virtdeck.console-tickets");

export interface ConsoleGrant {
  userId: string;
  username: string;
  /** The session that asked, or null when an API token did: a session ticket needs that cookie. */
  sessionId: string | null;
  /** The API token that asked (its grants may narrow the user's), else null. */
  tokenId: string | null;
  vmId: string;
  type: ConsoleType;
  /** Serial only: take the console over from another client. */
  force: boolean;
  expiresAt: number;
}

export type RedeemResult =
  | { ok: true; grant: ConsoleGrant }
  | { ok: false; reason: "unknown" | "expired" };

const store = globalThis as unknown as Record<symbol, Map<string, ConsoleGrant> | undefined>;

function tickets(): Map<string, ConsoleGrant> {
  let map = store[KEY];
  if (!map) {
    map = new Map();
    store[KEY] = map;
  }
  return map;
}

/** Only the SHA-256 is kept, like session tokens: a heap dump does not hand out consoles. */
function keyOf(ticket: string): string {
  return createHash("sha256").update(ticket).digest("base64url");
}

function prune(now: number): void {
  for (const [key, grant] of tickets()) if (grant.expiresAt <= now) tickets().delete(key);
}

export function issueTicket(
  grant: Omit<ConsoleGrant, "expiresAt">,
  now = Date.now(),
): { ticket: string; expiresAt: Date } {
  prune(now);
  const mine = [...tickets()].filter(([, g]) => g.userId === grant.userId);
  if (mine.length >= MAX_TICKETS_PER_USER) tickets().delete(mine[0]![0]);
  else if (tickets().size >= MAX_OUTSTANDING)
    throw new AppError(
      "too_many",
      "Too many console tickets outstanding: try again shortly",
      undefined,
      5,
    );
  const ticket = randomBytes(32).toString("base64url");
  const expiresAt = now + TICKET_TTL_MS;
  tickets().set(keyOf(ticket), { ...grant, expiresAt });
  return { ticket, expiresAt: new Date(expiresAt) };
}

/** Takes a ticket out of the store: a second use finds nothing. */
export function redeemTicket(ticket: string, now = Date.now()): RedeemResult {
  const key = keyOf(ticket);
  const grant = tickets().get(key);
  if (!grant) return { ok: false, reason: "unknown" };
  tickets().delete(key);
  if (grant.expiresAt <= now) return { ok: false, reason: "expired" };
  return { ok: true, grant };
}

export function consolePath(vmId: string, type: ConsoleType): string {
  return `/ws/consoles/${encodeURIComponent(vmId)}/${type}`;
}
