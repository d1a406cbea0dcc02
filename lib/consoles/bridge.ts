// Pumps bytes between a console WebSocket and the console's far end (a VNC socket, an SSH
// channel or a libvirt stream), with bounded buffers both ways: a slow browser pauses the far
// end, a stalled far end pauses the browser's socket. Either side closing closes the other.
import type { Duplex } from "node:stream";
import type { RawData, WebSocket } from "ws";
import { consoleControlSchema } from "@/lib/schemas/console";

/** Bytes queued towards the browser before the far end is paused, and resumed below LOW. */
export const HIGH_WATER = 1 << 20;
const LOW_WATER = 256 << 10;
const HEARTBEAT_MS = 15_000;

export interface BridgeStats {
  toClient: number;
  toTarget: number;
}

/** What one live bridge holds right now (for tests and diagnostics; no payload, no secrets). */
export interface BridgeMetric {
  /** Bytes queued in the WebSocket towards the browser (not yet handed to the kernel). */
  queuedToClient: number;
  /** Whether the far end is paused because the browser is not reading. */
  targetPaused: boolean;
  /** Whether the browser's socket is paused because the far end is not reading. */
  clientPaused: boolean;
  stats: BridgeStats;
}

const LIVE = Symbol.for("virtdeck.console-bridges");
const store = globalThis as unknown as Record<symbol, Set<() => BridgeMetric> | undefined>;

function live(): Set<() => BridgeMetric> {
  let set = store[LIVE];
  if (!set) {
    set = new Set();
    store[LIVE] = set;
  }
  return set;
}

/** One entry per open console bridge: an ended session is gone from this list at once. */
export function consoleBridgeMetrics(): BridgeMetric[] {
  return [...live()].map((probe) => probe());
}

export interface BridgeOptions {
  /** How long the browser may leave the far end paused before the session is ended. */
  stallLimitMs?: number;
  /** Called once, when the session is over, with the WebSocket close code and reason sent. */
  onEnd: (code: number, reason: string, stats: BridgeStats) => void;
  /** Chooses the close code and message when the far end ends or fails. */
  describeTargetEnd: (error: Error | null) => { code: number; reason: string };
}

function toBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}

/** Starts pumping; returns the function that ends the session with a code and reason. */
export function bridge(
  socket: WebSocket,
  target: Duplex,
  opts: BridgeOptions,
): (code: number, reason: string) => void {
  const stats: BridgeStats = { toClient: 0, toTarget: 0 };
  let ended = false;
  let stallTimer: NodeJS.Timeout | undefined;
  let alive = true;

  const probe = (): BridgeMetric => ({
    queuedToClient: socket.bufferedAmount,
    targetPaused: target.isPaused(),
    clientPaused: socket.isPaused,
    stats: { ...stats },
  });
  live().add(probe);

  const end = (code: number, reason: string) => {
    if (ended) return;
    ended = true;
    live().delete(probe);
    clearInterval(heartbeat);
    clearTimeout(stallTimer);
    target.destroy();
    // A close reason is at most 123 bytes.
    if (socket.readyState === socket.OPEN || socket.readyState === socket.CONNECTING)
      socket.close(code, Buffer.from(reason).subarray(0, 123).toString());
    opts.onEnd(code, reason, stats);
  };

  const resumeTarget = () => {
    if (!target.isPaused() || socket.bufferedAmount > LOW_WATER) return;
    clearTimeout(stallTimer);
    target.resume();
  };

  target.on("data", (chunk: Buffer) => {
    stats.toClient += chunk.length;
    socket.send(chunk, { binary: true }, resumeTarget);
    if (socket.bufferedAmount > HIGH_WATER && !target.isPaused()) {
      target.pause();
      stallTimer = setTimeout(
        () => end(1013, "The browser stopped reading; reconnect"),
        opts.stallLimitMs ?? 60_000,
      );
    }
  });
  const targetEnded = (e: Error | null) => {
    if (ended) return;
    const { code, reason } = opts.describeTargetEnd(e);
    end(code, reason);
  };
  target.once("end", () => targetEnded(null));
  target.once("close", () => targetEnded(null));
  target.once("error", (e: Error) => targetEnded(e));

  socket.on("message", (data, isBinary) => {
    if (!isBinary) return onControl(data);
    const chunk = toBuffer(data);
    stats.toTarget += chunk.length;
    // A stalled far end stops us reading the browser's socket: TCP pushes back to the browser.
    if (!target.write(chunk) && !socket.isPaused) {
      socket.pause();
      target.once("drain", () => socket.resume());
    }
  });

  const onControl = (data: RawData) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(toBuffer(data).toString("utf8"));
    } catch {
      return end(1007, "Control messages must be JSON");
    }
    const message = consoleControlSchema.safeParse(parsed);
    if (!message.success) return end(1008, "Unknown control message");
    if (message.data.type === "ping")
      socket.send(JSON.stringify({ type: "pong", t: message.data.t }));
    // resize: a serial line has no size to set; the terminal wraps on its own side.
  };

  // ws emits "error" for malformed frames and oversized messages and closes with 1009 for an
  // oversized one, 1002 (or 1007 for bad UTF-8) otherwise: record the code it actually sent.
  socket.on("error", (e: Error & { code?: string }) => {
    const code =
      e.code === "WS_ERR_UNSUPPORTED_MESSAGE_LENGTH"
        ? 1009
        : e.code === "WS_ERR_INVALID_UTF8"
          ? 1007
          : 1002;
    end(code, `WebSocket error: ${e.message}`.slice(0, 120));
  });
  socket.on("close", (code) => end(code === 1005 ? 1000 : code, "The browser closed the console"));
  socket.on("pong", () => {
    alive = true;
  });
  const heartbeat = setInterval(() => {
    if (!alive) {
      socket.terminate();
      return end(1001, "The browser stopped answering");
    }
    alive = false;
    socket.ping();
  }, HEARTBEAT_MS);

  return end;
}
