// A minimal RFB client for the console benchmark: handshake (security None), raw full-screen
// updates for throughput, and 1×1 update round trips for latency, over TCP or a WebSocket.
import { connect } from "node:net";
import WebSocket from "ws";

export interface ByteLink {
  read(n: number): Promise<Buffer>;
  write(b: Buffer): void;
  close(): void;
}

class Reader {
  private chunks: Buffer[] = [];
  private have = 0;
  private want: { n: number; resolve: (b: Buffer) => void } | null = null;
  push(b: Buffer): void {
    this.chunks.push(b);
    this.have += b.length;
    this.drain();
  }
  read(n: number): Promise<Buffer> {
    return new Promise((resolve) => {
      this.want = { n, resolve };
      this.drain();
    });
  }
  private drain(): void {
    if (!this.want || this.have < this.want.n) return;
    const all = Buffer.concat(this.chunks);
    const { n, resolve } = this.want;
    this.want = null;
    this.chunks = [all.subarray(n)];
    this.have -= n;
    resolve(all.subarray(0, n));
  }
}

export function tcpLink(port: number): Promise<ByteLink> {
  return new Promise((resolve, reject) => {
    const r = new Reader();
    const s = connect({ host: "127.0.0.1", port }, () =>
      resolve({ read: (n) => r.read(n), write: (b) => s.write(b), close: () => s.destroy() }),
    );
    s.setNoDelay(true);
    s.on("data", (d: Buffer) => r.push(d));
    s.on("error", reject);
  });
}

export function wsLink(
  url: string,
  protocol?: string,
  headers: Record<string, string> = {},
): Promise<ByteLink> {
  return new Promise((resolve, reject) => {
    const r = new Reader();
    const ws = new WebSocket(url, protocol ? [protocol] : undefined, { headers });
    ws.on("open", () =>
      resolve({ read: (n) => r.read(n), write: (b) => ws.send(b), close: () => ws.close() }),
    );
    ws.on("message", (d, isBinary) => isBinary && r.push(d as Buffer));
    ws.on("unexpected-response", (_q, res) => reject(new Error(`refused ${res.statusCode}`)));
    ws.on("error", reject);
  });
}

export async function handshake(link: ByteLink): Promise<{ width: number; height: number }> {
  await link.read(12);
  link.write(Buffer.from("RFB 003.008\n"));
  const count = (await link.read(1))[0]!;
  const types = [...(await link.read(count))];
  if (!types.includes(1)) throw new Error(`no security type None (offered ${types.join(",")})`);
  link.write(Buffer.from([1]));
  if ((await link.read(4)).readUInt32BE(0) !== 0) throw new Error("security failed");
  link.write(Buffer.from([1])); // shared
  const init = await link.read(24);
  await link.read(init.readUInt32BE(20));
  // SetEncodings: Raw only.
  link.write(Buffer.from([2, 0, 0, 1, 0, 0, 0, 0]));
  return { width: init.readUInt16BE(0), height: init.readUInt16BE(2) };
}

function request(link: ByteLink, w: number, h: number, incremental = 0): void {
  const b = Buffer.alloc(10);
  b.writeUInt8(3, 0);
  b.writeUInt8(incremental, 1);
  b.writeUInt16BE(w, 6);
  b.writeUInt16BE(h, 8);
  link.write(b);
}

/** Reads one FramebufferUpdate (Raw, 32 bpp); returns its size in bytes. */
async function readUpdate(link: ByteLink): Promise<number> {
  const head = await link.read(4);
  if (head[0] !== 0) throw new Error(`unexpected server message ${head[0]}`);
  let bytes = 4;
  for (let i = 0; i < head.readUInt16BE(2); i++) {
    const rect = await link.read(12);
    const size = rect.readUInt16BE(4) * rect.readUInt16BE(6) * 4;
    await link.read(size);
    bytes += 12 + size;
  }
  return bytes;
}

/** Full-screen non-incremental updates, back to back: MB/s. */
export async function throughput(link: ByteLink, w: number, h: number, seconds: number) {
  let bytes = 0;
  const start = performance.now();
  while (performance.now() - start < seconds * 1000) {
    request(link, w, h);
    bytes += await readUpdate(link);
  }
  return bytes / 1e6 / ((performance.now() - start) / 1000);
}

/** Round trips of a 1×1 update request, in ms. */
export async function roundTrips(link: ByteLink, samples: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < samples; i++) {
    const t = performance.now();
    request(link, 1, 1);
    await readUpdate(link);
    out.push(performance.now() - t);
  }
  return out;
}

export function pct(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? Number.NaN;
}

/**
 * Round trips QEMU answers at once (update requests wait for its display refresh timer, 30 ms
 * and more): version → security types, security type → result, ClientInit → ServerInit, each
 * on a fresh connection. In ms.
 */
export async function handshakeRoundTrips(open: () => Promise<ByteLink>, connections: number) {
  const out: number[] = [];
  for (let i = 0; i < connections; i++) {
    const link = await open();
    await link.read(12);
    let t = performance.now();
    link.write(Buffer.from("RFB 003.008\n"));
    const count = (await link.read(1))[0]!;
    await link.read(count);
    out.push(performance.now() - t);
    t = performance.now();
    link.write(Buffer.from([1]));
    await link.read(4);
    out.push(performance.now() - t);
    t = performance.now();
    link.write(Buffer.from([1]));
    const init = await link.read(24);
    await link.read(init.readUInt32BE(20));
    out.push(performance.now() - t);
    link.close();
  }
  return out;
}
