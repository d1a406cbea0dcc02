// A raw WebSocket client over a TCP socket: it writes the upgrade request and whatever frame
// bytes the fuzzer hands it, and parses what the server sends back (server frames are never
// masked) into text, binary, pong and close events that the fuzzer waits on.
import { randomBytes } from "node:crypto";
import net from "node:net";
import { Opcode } from "./ws-frames";

export interface ServerFrame {
  opcode: number;
  payload: Buffer;
}

export interface UpgradeResult {
  status: number;
  /** The open connection after a 101, else null (the socket is closed). */
  ws: RawWs | null;
}

/** Sends an upgrade request with `headers`; resolves with the HTTP status the server answered. */
export function upgrade(
  port: number,
  path: string,
  headers: Record<string, string>,
  timeoutMs = 5_000,
): Promise<UpgradeResult> {
  return new Promise((resolve, reject) => {
    const sock = net.connect({ host: "127.0.0.1", port });
    let head = Buffer.alloc(0);
    const timer = setTimeout(() => {
      sock.destroy();
      reject(new Error(`no answer to the upgrade of ${path.split("?")[0]} in ${timeoutMs} ms`));
    }, timeoutMs);
    sock.on("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
    const onData = (chunk: Buffer) => {
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf("\r\n\r\n");
      if (end < 0) return;
      clearTimeout(timer);
      sock.off("data", onData);
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head.subarray(0, end).toString())?.[1] ?? 0);
      if (status !== 101) {
        sock.destroy();
        return resolve({ status, ws: null });
      }
      resolve({ status, ws: new RawWs(sock, head.subarray(end + 4)) });
    };
    sock.on("data", onData);
    const lines = [
      `GET ${path} HTTP/1.1`,
      `Host: 127.0.0.1:${port}`,
      "Upgrade: websocket",
      "Connection: Upgrade",
      `Sec-WebSocket-Key: ${randomBytes(16).toString("base64")}`,
      "Sec-WebSocket-Version: 13",
      ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
    ];
    sock.write(`${lines.join("\r\n")}\r\n\r\n`);
  });
}

/** One open WebSocket connection, as raw bytes out and parsed frames in. */
export class RawWs {
  private buf: Buffer;
  private readonly waiters = new Set<(f: ServerFrame | null) => void>();
  /** The server's close frame (code, reason), once it sent one. */
  closeCode: number | null = null;
  /** The TCP connection has ended. */
  ended = false;
  readonly received: ServerFrame[] = [];

  constructor(
    private readonly sock: net.Socket,
    rest: Buffer,
  ) {
    this.buf = rest;
    sock.on("data", (chunk: Buffer) => {
      this.buf = Buffer.concat([this.buf, chunk]);
      this.parse();
    });
    sock.on("error", () => {});
    sock.on("close", () => {
      this.ended = true;
      for (const w of this.waiters) w(null);
      this.waiters.clear();
    });
    this.parse();
  }

  /** Writes raw bytes; false once the connection is gone. */
  send(bytes: Buffer): boolean {
    if (this.ended || this.sock.destroyed) return false;
    this.sock.write(bytes);
    return true;
  }

  /** Resolves with the first frame (already received or next) matching `test`, or null. */
  waitFor(test: (f: ServerFrame) => boolean, ms: number): Promise<ServerFrame | null | "timeout"> {
    const seen = this.received.find(test);
    if (seen) return Promise.resolve(seen);
    if (this.ended) return Promise.resolve(null);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        resolve("timeout");
      }, ms);
      const waiter = (f: ServerFrame | null) => {
        if (f !== null && !test(f)) return;
        clearTimeout(timer);
        this.waiters.delete(waiter);
        resolve(f);
      };
      this.waiters.add(waiter);
    });
  }

  /** Resolves true once the server has closed (close frame or TCP end), false on timeout. */
  async closedWithin(ms: number): Promise<boolean> {
    if (this.closeCode !== null || this.ended) return true;
    const f = await this.waitFor((x) => x.opcode === Opcode.CLOSE, ms);
    return f !== "timeout";
  }

  destroy(): void {
    this.sock.destroy();
  }

  private parse(): void {
    for (;;) {
      if (this.buf.length < 2) return;
      const b1 = this.buf[1]!;
      let len = b1 & 0x7f;
      let at = 2;
      if (len === 126) {
        if (this.buf.length < 4) return;
        len = this.buf.readUInt16BE(2);
        at = 4;
      } else if (len === 127) {
        if (this.buf.length < 10) return;
        len = Number(this.buf.readBigUInt64BE(2));
        at = 10;
      }
      if (this.buf.length < at + len) return;
      const frame = { opcode: this.buf[0]! & 0x0f, payload: this.buf.subarray(at, at + len) };
      this.buf = this.buf.subarray(at + len);
      if (frame.opcode === Opcode.CLOSE)
        this.closeCode = frame.payload.length >= 2 ? frame.payload.readUInt16BE(0) : 1005;
      this.received.push(frame);
      for (const w of [...this.waiters]) w(frame);
    }
  }
}
