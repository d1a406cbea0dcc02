// /ws/events: the live channel to the browser. Every change to a VM or a host is pushed as it
// happens; the browser writes it into its TanStack Query cache.
import type { WebSocket } from "ws";
import type { SessionUser } from "@/lib/auth/session-store";
import { subscribe } from "@/lib/live/bus";
import type { ServerMessage } from "@/lib/live/messages";

const HEARTBEAT_MS = 25_000;
/** A tab that stops reading is disconnected rather than buffered without end. */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

export function handleEventsSocket(socket: WebSocket, user: SessionUser): void {
  const send = (message: ServerMessage) => {
    if (socket.readyState !== socket.OPEN) return;
    if (message.type === "progress" && message.userId !== user.userId) return; // someone else's job
    if (socket.bufferedAmount > MAX_BUFFERED_BYTES)
      return socket.close(1013, "Too far behind; reconnect");
    socket.send(JSON.stringify(message));
  };
  send({ type: "hello", user: user.username });
  const unsubscribe = subscribe(send);
  let alive = true;
  socket.on("pong", () => {
    alive = true;
  });
  const timer = setInterval(() => {
    if (!alive) return socket.terminate();
    alive = false;
    socket.ping();
  }, HEARTBEAT_MS);
  socket.on("close", () => {
    clearInterval(timer);
    unsubscribe();
  });
  // The browser only listens on this channel: anything it sends is ignored.
  socket.on("message", () => {});
}
