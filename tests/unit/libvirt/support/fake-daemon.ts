/**
 * An in-process fake daemon on a temporary UNIX socket: it hands every packet
 * the client sends to a handler and lets the test write raw bytes back.
 */
import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { type ClientOptions, RpcClient } from "@/lib/libvirt/client";
import { PacketSplitter } from "@/lib/libvirt/framing";
import { decodePacket, type Packet } from "@/lib/libvirt/protocol/packet";

export interface FakeDaemon {
  client: RpcClient;
  /** The server side of the connection. */
  peer: net.Socket;
  /** Packets received from the client so far. */
  received: Packet[];
  /** Resolves with the next packet the client sends. */
  next(): Promise<Packet>;
  close(): Promise<void>;
}

/** Starts a fake daemon and connects an RpcClient to it. */
export async function startFakeDaemon(opts: ClientOptions = {}): Promise<FakeDaemon> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "vd-fake-"));
  const sockPath = path.join(dir, "sock");
  const received: Packet[] = [];
  const waiters: ((p: Packet) => void)[] = [];
  let peerResolve: (s: net.Socket) => void = () => {};
  const peerReady = new Promise<net.Socket>((r) => {
    peerResolve = r;
  });
  const server = net.createServer((s) => {
    const splitter = new PacketSplitter();
    s.on("data", (chunk: Buffer) => {
      for (const body of splitter.push(chunk)) {
        const p = decodePacket(Buffer.from(body));
        const w = waiters.shift();
        if (w) w(p);
        else received.push(p);
      }
    });
    s.on("error", () => {});
    peerResolve(s);
  });
  await new Promise<void>((r) => server.listen(sockPath, r));
  const sock = net.createConnection({ path: sockPath });
  await new Promise<void>((r) => sock.once("connect", r));
  const client = new RpcClient(sock, { keepalive: { interval: 0 }, ...opts });
  client.on("close", () => {});
  const peer = await peerReady;
  return {
    client,
    peer,
    received,
    next: () => {
      const p = received.shift();
      if (p) return Promise.resolve(p);
      return new Promise((r) => waiters.push(r));
    },
    close: async () => {
      client.destroy();
      peer.destroy();
      await new Promise<void>((r) => server.close(() => r()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Hex string (spaces and | allowed as separators) to bytes. */
export function hex(s: string): Buffer {
  return Buffer.from(s.replace(/[\s|]/g, ""), "hex");
}
