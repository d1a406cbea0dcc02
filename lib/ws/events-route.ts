// /ws/events: the live channel to the browser. For now it greets and keeps the line alive;
// the inventory pushes VM and host changes over it.
import type { WebSocket } from "ws";
import type { SessionUser } from "@/lib/auth/session-store";

const HEARTBEAT_MS = 25_000;

export function handleEventsSocket(socket: WebSocket, user: SessionUser): void {
  socket.send(JSON.stringify({ type: "hello", user: user.username }));
  let alive = true;
  socket.on("pong", () => {
    alive = true;
  });
  const timer = setInterval(() => {
    if (!alive) return socket.terminate();
    alive = false;
    socket.ping();
  }, HEARTBEAT_MS);
  socket.on("close", () => clearInterval(timer));
  // The browser only listens on this channel: anything it sends is ignored.
  socket.on("message", () => {});
}
