// Open WebSockets (live events and consoles) and the credential each was opened with: a session,
// an API token, or both. Once a second, while any are open, the credentials are looked up in one
// query each; a socket whose session ended (signed out, expired, revoked, password reset) or
// whose token was revoked or expired, or whose user was disabled, is closed. The database is the
// source (not an in-process signal), so this also holds when the change came from elsewhere.
// It also caps how many sockets one session and one user's consoles may hold.
import type { WebSocket } from "ws";
import { CLOSE } from "@/lib/consoles/close-codes";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";

const CHECK_INTERVAL_MS = 1000;
/** Live-event sockets (tabs) one session may hold. */
export const MAX_SOCKETS_PER_SESSION = 16;
/** Console sockets one user may hold, across sessions and tokens. */
export const MAX_CONSOLES_PER_USER = 8;

export interface WatchedCredential {
  userId: string;
  sessionId: string | null;
  tokenId: string | null;
  kind: "events" | "console";
}

const watched = new Map<WebSocket, WatchedCredential>();
let timer: NodeJS.Timeout | null = null;

/** Why a new socket of this credential would be one too many, or null. */
export function overLimit(credential: WatchedCredential): string | null {
  let perSession = 0;
  let consoles = 0;
  for (const c of watched.values()) {
    if (credential.sessionId && c.sessionId === credential.sessionId && c.kind === credential.kind)
      perSession++;
    if (c.kind === "console" && c.userId === credential.userId) consoles++;
  }
  if (credential.kind === "events" && perSession >= MAX_SOCKETS_PER_SESSION)
    return `At most ${MAX_SOCKETS_PER_SESSION} live connections per session: close some tabs`;
  if (credential.kind === "console" && consoles >= MAX_CONSOLES_PER_USER)
    return `At most ${MAX_CONSOLES_PER_USER} open consoles per user: close one first`;
  return null;
}

export function watchSocket(socket: WebSocket, credential: WatchedCredential): void {
  watched.set(socket, credential);
  socket.once("close", () => {
    watched.delete(socket);
    if (watched.size === 0 && timer) {
      clearInterval(timer);
      timer = null;
    }
  });
  timer ??= setInterval(() => void sweep().catch(() => undefined), CHECK_INTERVAL_MS);
  timer.unref();
}

/** Closes every watched socket whose credential is no longer live. */
export async function sweep(now = new Date()): Promise<number> {
  const entries = [...watched];
  if (entries.length === 0) return 0;
  const sessionIds = [...new Set(entries.flatMap(([, c]) => (c.sessionId ? [c.sessionId] : [])))];
  const tokenIds = [...new Set(entries.flatMap(([, c]) => (c.tokenId ? [c.tokenId] : [])))];
  const [sessions, tokens] = await Promise.all([
    sessionIds.length
      ? db.session.findMany({
          where: {
            id: { in: sessionIds },
            expiresAt: { gt: now },
            signedInAt: {
              gt: new Date(now.getTime() - env.VIRTDECK_SESSION_MAX_DAYS * 86_400_000),
            },
            user: { disabled: false },
          },
          select: { id: true },
        })
      : [],
    tokenIds.length
      ? db.apiToken.findMany({
          where: {
            id: { in: tokenIds },
            OR: [{ expiresAt: null }, { expiresAt: { gt: now } }],
            user: { disabled: false },
          },
          select: { id: true },
        })
      : [],
  ]);
  const liveSessions = new Set(sessions.map((s) => s.id));
  const liveTokens = new Set(tokens.map((t) => t.id));
  let closed = 0;
  for (const [socket, c] of entries) {
    const ended =
      (c.sessionId !== null && !liveSessions.has(c.sessionId)) ||
      (c.tokenId !== null && !liveTokens.has(c.tokenId));
    if (!ended || socket.readyState !== socket.OPEN) continue;
    socket.close(
      CLOSE.signedOut,
      c.tokenId && !c.sessionId ? "Token revoked or expired" : "Signed out",
    );
    closed++;
  }
  return closed;
}
