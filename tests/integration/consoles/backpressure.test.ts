/**
 * Back-pressure through a real console bridge: a WebSocket client that stops reading while the
 * guest's VNC server keeps sending full screens. Virtdeck's queue towards the client must stay
 * bounded (the VNC side is paused instead), and closing the client frees the session at once.
 * The far end is the lab guest's real VNC server (opened as the console route opens it).
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket, { WebSocketServer } from "ws";
import { bridge, consoleBridgeMetrics, HIGH_WATER } from "@/lib/consoles/bridge";
import { openConsoleTarget } from "@/lib/consoles/open-target";
import { type Connection, connect } from "@/lib/libvirt";
import { freshGuestName, removeTinyGuest, startTinyGuest } from "../lab/tiny-guest";
import { labEnv } from "../support/lab-env";
import { waitFor } from "../support/virsh";

const lab = labEnv();
const name = freshGuestName("vd-cons-bp");
let conn: Connection;
let server: Server;
let wss: WebSocketServer;
let port = 0;
const ends: { code: number; reason: string }[] = [];
let asking: NodeJS.Timeout | undefined;

beforeAll(async () => {
  await startTinyGuest(lab, name);
  conn = await connect(lab.LAB_URI);
  const dom = await conn.domains.lookupByName(name);
  // The same WebSocket limits as the server's router, and the same bridge as a console session.
  server = createServer();
  wss = new WebSocketServer({ server, maxPayload: 1024 * 1024 });
  wss.on("connection", (socket) => {
    void openConsoleTarget(conn, dom, "vnc", false).then((target) =>
      bridge(socket, target, {
        stallLimitMs: 60_000,
        describeTargetEnd: () => ({ code: 4001, reason: "display closed" }),
        onEnd: (code, reason) => ends.push({ code, reason }),
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  clearInterval(asking);
  for (const c of wss?.clients ?? []) c.terminate();
  await new Promise((r) => server?.close(r));
  await conn?.close();
  await removeTinyGuest(lab, name);
});

/** Reads exactly n bytes from the queued binary messages of a client socket. */
function reader(ws: WebSocket) {
  let buffered = Buffer.alloc(0);
  let wake: (() => void) | null = null;
  ws.on("message", (data, isBinary) => {
    if (!isBinary) return;
    buffered = Buffer.concat([buffered, data as Buffer]);
    wake?.();
  });
  return async (n: number): Promise<Buffer> => {
    while (buffered.length < n) await new Promise<void>((r) => (wake = r));
    const out = buffered.subarray(0, n);
    buffered = buffered.subarray(n);
    return out;
  };
}

/** A full-screen, non-incremental FramebufferUpdateRequest (the server sends every pixel). */
function fullUpdateRequest(width: number, height: number): Buffer {
  const b = Buffer.alloc(10);
  b.writeUInt8(3, 0);
  b.writeUInt8(0, 1);
  b.writeUInt16BE(width, 6);
  b.writeUInt16BE(height, 8);
  return b;
}

describe("a console client that stops reading", () => {
  it("keeps the server's queue bounded, pauses the VNC side, and frees the session on close", async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/`);
    const read = reader(ws);
    await new Promise((r, j) => ws.once("open", r).once("error", j));

    // RFB 3.8 handshake with security type None (the tiny guest has no VNC password).
    expect((await read(12)).toString("latin1")).toMatch(/^RFB 003\.008\n/);
    ws.send(Buffer.from("RFB 003.008\n"));
    const count = (await read(1))[0] ?? 0;
    expect([...(await read(count))]).toContain(1);
    ws.send(Buffer.from([1]));
    expect((await read(4)).readUInt32BE(0)).toBe(0);
    ws.send(Buffer.from([1])); // ClientInit: shared
    const init = await read(24);
    const width = init.readUInt16BE(0);
    const height = init.readUInt16BE(2);
    await read(init.readUInt32BE(20)); // desktop name
    // Raw encoding only: every update carries width × height × 4 bytes.
    ws.send(Buffer.from([2, 0, 0, 1, 0, 0, 0, 0]));
    expect(consoleBridgeMetrics()).toHaveLength(1);

    // Stop reading, and keep asking for whole screens (QEMU merges pending requests, so ask
    // again and again: far more than any buffer on the way could hold).
    ws.pause();
    const frame = width * height * 4;
    let asks = 0;
    asking = setInterval(() => {
      asks++;
      ws.send(fullUpdateRequest(width, height));
    }, 5);

    const paused = await waitFor(
      "the bridge to pause the VNC side",
      () => consoleBridgeMetrics().find((m) => m.targetPaused),
      30_000,
      50,
    );
    expect(paused.queuedToClient).toBeGreaterThan(HIGH_WATER);
    // While the client reads nothing for 3 s, the queue stays bounded and nothing more flows.
    let maxQueued = 0;
    const sentAtPause = consoleBridgeMetrics()[0]?.stats.toClient ?? 0;
    for (let t = 0; t < 30; t++) {
      const [m] = consoleBridgeMetrics();
      maxQueued = Math.max(maxQueued, m?.queuedToClient ?? 0);
      expect(m?.targetPaused).toBe(true);
      await new Promise((r) => setTimeout(r, 100));
    }
    // At most one more socket read (64 KiB) than the high-water mark.
    expect(maxQueued).toBeLessThanOrEqual(HIGH_WATER + (64 << 10));
    expect(consoleBridgeMetrics()[0]?.stats.toClient).toBe(sentAtPause);
    // QEMU itself was asked for far more than was sent: the rest is waiting on its side.
    expect(sentAtPause).toBeLessThan(asks * frame);
    clearInterval(asking);

    // Reading again resumes the VNC side (the queue drains below its low-water mark).
    ws.resume();
    await waitFor(
      "the VNC side to flow again",
      () => ((consoleBridgeMetrics()[0]?.stats.toClient ?? 0) > sentAtPause ? true : undefined),
      30_000,
      50,
    );

    // A closed tab: the client goes away abruptly; the session and its buffers go at once.
    ws.pause();
    ws.send(fullUpdateRequest(width, height));
    ws.terminate();
    await waitFor(
      "the session to be freed",
      () => (consoleBridgeMetrics().length === 0 ? true : undefined),
      5_000,
      20,
    );
    expect(ends).toHaveLength(1);
    expect(ends[0]?.code).toBe(1006);
  });
});
