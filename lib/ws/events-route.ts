// /ws/events: the live channel to the browser. Every change to a VM, host, network or pool is
// pushed as it happens, but only to sockets whose caller may see that object, checked per
// message with the caller's permissions of that moment; the browser writes it into its cache.
import type { WebSocket } from "ws";
import { type Access, accessFrom } from "@/lib/access/access";
import { aclSnapshot, cachedAclSnapshot } from "@/lib/access/acl-snapshot";
import { visibleMessage } from "@/lib/access/live-filter";
import type { SessionUser } from "@/lib/auth/session-store";
import { subscribe } from "@/lib/live/bus";
import type { ServerMessage } from "@/lib/live/messages";

const HEARTBEAT_MS = 25_000;
/** A tab that stops reading is disconnected rather than buffered without end. */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

export async function handleEventsSocket(socket: WebSocket, user: SessionUser): Promise<void> {
  let access: Access = accessFrom(await aclSnapshot(), user);
  /** The permissions of this moment: rebuilt when the snapshot moved on (a grant changed). */
  const current = (): Access => {
    const snapshot = cachedAclSnapshot();
    if (snapshot && snapshot.version !== access.version) access = accessFrom(snapshot, user);
    return access;
  };
  const deliver = (all: ServerMessage) => {
    if (socket.readyState !== socket.OPEN) return;
    const message = visibleMessage(current(), all);
    if (!message) return;
    if (socket.bufferedAmount > MAX_BUFFERED_BYTES)
      return socket.close(1013, "Too far behind; reconnect");
    socket.send(JSON.stringify(message));
  };
  deliver({ type: "hello", user: user.username });
  // A session that ends (signed out, user disabled) is closed by the credential watch.
  const unsubscribe = subscribe(deliver);
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
