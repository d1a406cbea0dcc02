// The browser's side of opening a console: a ticket from the server action, then a WebSocket to
// the path it names. Shared by the VNC and serial consoles.
import { openConsoleAction } from "@/lib/actions/consoles";
import type { ConsoleType } from "@/lib/schemas/console";

export type ConsoleStatus = "connecting" | "connected" | "disconnected" | "busy" | "taken-over";

export interface ConsoleTicket {
  url: string;
  password: string | null;
}

/** Asks for a ticket (the server checks the permission); the socket is opened by the caller. */
export async function requestConsoleTicket(
  vmId: string,
  type: ConsoleType,
  force = false,
): Promise<ConsoleTicket> {
  const result = await openConsoleAction({ id: vmId, type, force });
  if (!result.ok) throw new Error(result.error);
  const { ticket, path, password } = result.data;
  const scheme = window.location.protocol === "https:" ? "wss" : "ws";
  const url = `${scheme}://${window.location.host}${path}?ticket=${encodeURIComponent(ticket)}`;
  return { url, password };
}

/**
 * Opens the console socket. Call it only once every handler can be attached in the same task:
 * the server speaks first (the RFB greeting), and a message with no listener yet is lost.
 */
export function openConsoleSocket(url: string): WebSocket {
  const socket = new WebSocket(url);
  socket.binaryType = "arraybuffer";
  return socket;
}

/** Sends a ping every few seconds and reports the round trip through the proxy in ms. */
export function measureLatency(socket: WebSocket, onLatency: (ms: number) => void): () => void {
  const ping = () => {
    if (socket.readyState === WebSocket.OPEN)
      socket.send(JSON.stringify({ type: "ping", t: performance.now() }));
  };
  const onMessage = (e: MessageEvent) => {
    if (typeof e.data !== "string") return;
    try {
      const msg = JSON.parse(e.data) as { type?: string; t?: number };
      if (msg.type === "pong" && typeof msg.t === "number") onLatency(performance.now() - msg.t);
    } catch {
      // not a control message
    }
  };
  socket.addEventListener("message", onMessage);
  socket.addEventListener("open", ping);
  const timer = window.setInterval(ping, 3000);
  return () => {
    window.clearInterval(timer);
    socket.removeEventListener("message", onMessage);
  };
}
