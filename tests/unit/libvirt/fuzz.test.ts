/**
 * Feeds random and mutated packets to the client's socket handler. Whatever
 * arrives, nothing may throw out of the handler: the connection either stays
 * up or closes with a ProtocolError, and a pending call always settles.
 */

import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { RpcClient } from "@/lib/libvirt/client";
import { EventHub } from "@/lib/libvirt/events";
import { keepalivePacket } from "@/lib/libvirt/keepalive";
import { strRet } from "@/lib/libvirt/protocol/procedures/common";
import { CONNECT_GET_HOSTNAME } from "@/lib/libvirt/protocol/procedures/connect";
import { EventMessage } from "@/lib/libvirt/protocol/procedures/events";
import { errorReply, message, reply } from "./support/packets";

/** A deterministic PRNG (mulberry32) so failures reproduce. */
function rng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const dom = { name: "vm", uuid: "5f1d7a3e-8c2b-4d61-9e0a-7d1ab0c0ffee", id: 3 };
const M = EventMessage.DOMAIN_LIFECYCLE;
const SEEDS = [
  reply(59, 1, strRet, "host"),
  errorReply(59, 1, 42, "Domain not found"),
  message(M.proc, M.body, { callbackID: 1, dom, event: 2, detail: 0 }),
  keepalivePacket(1),
];

function mutate(r: () => number, base: Buffer): Buffer {
  const b = Buffer.from(base);
  const n = 1 + Math.floor(r() * 4);
  for (let i = 0; i < n; i++) {
    const kind = r();
    const at = Math.floor(r() * b.length);
    if (kind < 0.6) b[at] = Math.floor(r() * 256);
    else if (kind < 0.8)
      return b.subarray(0, at); // truncate
    else b.writeUInt32BE(Math.floor(r() * 0xffffffff), Math.max(0, Math.min(at, b.length - 4)));
  }
  return b;
}

async function feed(bytes: Buffer, r: () => number): Promise<void> {
  const sock = new PassThrough();
  const client = new RpcClient(sock, { keepalive: { interval: 0 }, callTimeout: 200 });
  new EventHub(client);
  client.on("close", () => {});
  const pending = client.call(CONNECT_GET_HOSTNAME, undefined).then(
    () => "ok",
    (e: Error) => e.name,
  );
  // Deliver in random chunk sizes, as a socket would.
  for (let off = 0; off < bytes.length; ) {
    const n = 1 + Math.floor(r() * 64);
    sock.emit("data", bytes.subarray(off, off + n));
    off += n;
  }
  client.destroy();
  expect(["ok", "LibvirtError", "ProtocolError", "ConnectionError", "XdrError"]).toContain(
    await pending,
  );
}

describe("decoder fuzz", () => {
  it("survives mutated and random packets (bounded: 3,000 cases or 10 s)", async () => {
    const r = rng(0xc0ffee);
    const deadline = Date.now() + 10_000;
    let cases = 0;
    for (; cases < 3_000 && Date.now() < deadline; cases++) {
      const seed = SEEDS[cases % SEEDS.length]!;
      const bytes =
        cases % 5 === 4
          ? Buffer.from(Array.from({ length: Math.floor(r() * 200) }, () => Math.floor(r() * 256)))
          : mutate(r, seed);
      await feed(Buffer.concat([bytes, seed]), r);
    }
    expect(cases).toBeGreaterThan(100);
  }, 20_000);
});
