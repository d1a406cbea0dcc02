// Routes WebSocket upgrades under /ws/. Every upgrade is checked before a socket is accepted:
// an unknown path gets 404, a missing or expired session 401, a foreign Origin 403.
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { type WebSocket, WebSocketServer } from "ws";
import {
  readCookie,
  resolveSession,
  SESSION_COOKIE,
  type SessionUser,
} from "@/lib/auth/session-store";

export type WsRouteHandler = (
  socket: WebSocket,
  user: SessionUser,
  request: IncomingMessage,
) => void;

export interface WsRouter {
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void>;
  closeAll(): Promise<void>;
}

const REASONS: Record<number, string> = { 401: "Unauthorized", 403: "Forbidden", 404: "Not Found" };

function refuse(socket: Duplex, status: 401 | 403 | 404, message: string): void {
  const body = `${message}\n`;
  socket.end(
    `HTTP/1.1 ${status} ${REASONS[status]}\r\nContent-Type: text/plain; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/** A browser's Origin must name this very server: stops other sites opening sockets with our cookie. */
export function isSameOrigin(request: IncomingMessage): boolean {
  const origin = request.headers.origin;
  if (!origin) return true; // non-browser clients send none; the session still has to be valid
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}

export function createWsRouter(routes: Record<string, WsRouteHandler>): WsRouter {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  return {
    async handleUpgrade(request, socket, head) {
      const path = new URL(request.url ?? "/", "http://localhost").pathname;
      const handler = routes[path];
      if (!handler) return refuse(socket, 404, `No WebSocket route at ${path}`);
      if (!isSameOrigin(request)) return refuse(socket, 403, "Cross-origin WebSocket refused");
      const user = await resolveSession(readCookie(request.headers.cookie, SESSION_COOKIE)).catch(
        () => null,
      );
      if (!user) return refuse(socket, 401, "Sign in first");
      if (socket.destroyed) return;
      wss.handleUpgrade(request, socket, head, (ws) => handler(ws, user, request));
    },
    closeAll() {
      for (const client of wss.clients) client.close(1001, "Server shutting down");
      return new Promise((resolve) => wss.close(() => resolve()));
    },
  };
}
