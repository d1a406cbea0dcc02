// Routes WebSocket upgrades under /ws/. Every upgrade is checked before a socket is accepted:
// an unknown path gets 404, a foreign Origin 403, then the route's own credential: the session
// cookie (401 without one) for most routes, a console ticket for the console routes.
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { type WebSocket, WebSocketServer } from "ws";
import {
  readCookie,
  resolveSession,
  SESSION_COOKIE,
  type SessionUser,
  setupPage,
  setupRefusal,
} from "@/lib/auth/session-store";
import { CLIENT_PROTO_HEADER, isOwnOrigin } from "@/lib/server/http-guard";
import { overLimit, type WatchedCredential, watchSocket } from "./credential-watch";

export type WsRouteHandler = (
  socket: WebSocket,
  user: SessionUser,
  request: IncomingMessage,
) => void | Promise<void>;

export type WsStatus = 401 | 403 | 404 | 409 | 429;

/** A refused upgrade: the status and a line of text go back before any WebSocket byte. */
export interface WsRefusal {
  refuse: WsStatus;
  message: string;
}

/** A route that checks its own credential (e.g. a ticket) instead of requiring the session. */
export interface WsRoute<Grant> {
  authorize(request: IncomingMessage, params: Record<string, string>): Promise<Grant | WsRefusal>;
  handle(socket: WebSocket, grant: Grant, request: IncomingMessage): void;
}

export interface WsRouter {
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void>;
  closeAll(): Promise<void>;
}

const REASONS: Record<WsStatus, string> = {
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  409: "Conflict",
  429: "Too Many Requests",
};

function refuse(socket: Duplex, status: WsStatus, message: string): void {
  const body = `${message}\n`;
  socket.end(
    `HTTP/1.1 ${status} ${REASONS[status]}\r\nContent-Type: text/plain; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

export function isRefusal(value: unknown): value is WsRefusal {
  return typeof (value as WsRefusal | null)?.refuse === "number";
}

/** A browser's Origin must name this very server: stops other sites opening sockets with our cookie. */
export function isSameOrigin(request: IncomingMessage): boolean {
  const origin = request.headers.origin;
  if (!origin) return true; // non-browser clients send none; the route's credential still counts
  const proto = request.headers[CLIENT_PROTO_HEADER];
  return isOwnOrigin(origin, typeof proto === "string" ? proto : null, request.headers.host);
}

/** The signed-in user of an upgrade's session cookie, or null. */
export function sessionOf(request: IncomingMessage): Promise<SessionUser | null> {
  return resolveSession(readCookie(request.headers.cookie, SESSION_COOKIE)).catch(() => null);
}

function eventsCredential(user: SessionUser): WatchedCredential {
  return { userId: user.userId, sessionId: user.sessionId, tokenId: null, kind: "events" };
}

/** The classic route: the session cookie is the credential. */
export function sessionRoute(handler: WsRouteHandler): WsRoute<SessionUser> {
  return {
    async authorize(request) {
      const user = await sessionOf(request);
      if (!user) return { refuse: 401, message: "Sign in first" };
      // As for pages: a one-time password or a missing second factor comes before anything else.
      if (setupPage(user)) return { refuse: 403, message: setupRefusal(user) };
      const tooMany = overLimit(eventsCredential(user));
      if (tooMany) return { refuse: 429, message: tooMany };
      return user;
    },
    handle: (socket, user, request) => {
      watchSocket(socket, eventsCredential(user));
      void Promise.resolve(handler(socket, user, request)).catch(() => socket.terminate());
    },
  };
}

/** Matches "/ws/consoles/:vmId/:type"-style patterns; exact paths match themselves. */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split("/");
  const got = path.split("/");
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i]!;
    const g = got[i]!;
    if (w.startsWith(":")) {
      if (!g) return null;
      try {
        params[w.slice(1)] = decodeURIComponent(g);
      } catch {
        return null;
      }
    } else if (w !== g) return null;
  }
  return params;
}

type AnyRoute = WsRouteHandler | WsRoute<unknown>;

export function createWsRouter(routes: Record<string, AnyRoute>): WsRouter {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  const table = Object.entries(routes).map(([pattern, route]) => ({
    pattern,
    route: typeof route === "function" ? (sessionRoute(route) as WsRoute<unknown>) : route,
  }));
  return {
    async handleUpgrade(request, socket, head) {
      socket.on("error", () => {}); // a client that hangs up mid-check must not crash the server
      const path = new URL(request.url ?? "/", "http://localhost").pathname;
      let found: { route: WsRoute<unknown>; params: Record<string, string> } | null = null;
      for (const { pattern, route } of table) {
        const params = matchPath(pattern, path);
        if (params) {
          found = { route, params };
          break;
        }
      }
      if (!found) return refuse(socket, 404, `No WebSocket route at ${path}`);
      if (!isSameOrigin(request)) return refuse(socket, 403, "Cross-origin WebSocket refused");
      const grant = await found.route
        .authorize(request, found.params)
        .catch((): WsRefusal => ({ refuse: 401, message: "Sign in first" }));
      if (isRefusal(grant)) return refuse(socket, grant.refuse, grant.message);
      if (socket.destroyed) return;
      const { route } = found;
      wss.handleUpgrade(request, socket, head, (ws) => route.handle(ws, grant, request));
    },
    closeAll() {
      for (const client of wss.clients) client.close(1001, "Server shutting down");
      return new Promise((resolve) => wss.close(() => resolve()));
    },
  };
}
