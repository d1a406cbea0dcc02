// Part 1a: mutated and random packets straight into lib/libvirt's framing and decoders, cut
// into random chunks as a socket would deliver them. Every packet must either decode or fail
// with one of the decoder's own errors (XdrError, ProtocolError); anything else thrown is a
// crash, and a packet that takes longer than HANG_MS to decode is a hang.
import { LibvirtError } from "@/lib/libvirt";
import { decodeEvent } from "@/lib/libvirt/events";
import { PacketSplitter } from "@/lib/libvirt/framing";
import { PacketType, Program, Status } from "@/lib/libvirt/protocol/constants";
import { decodeAll, decodePacket, remoteError } from "@/lib/libvirt/protocol/packet";
import type { Prng } from "./prng";
import { mutatePacket } from "./rpc-mutate";
import {
  errorPacket,
  eventPackets,
  PING,
  REPLY_SEEDS,
  type ReplySeed,
  replyPacket,
  streamErrorPacket,
  streamPacket,
} from "./rpc-seeds";
import { errorLabel, Tally } from "./tally";

const HANG_MS = 1_000;
const TYPED = new Set(["XdrError", "ProtocolError"]);

/** Every valid packet the mutations start from. */
export function seedPackets(): Buffer[] {
  const serial = 7;
  return [
    ...REPLY_SEEDS.map((s) => replyPacket(s, serial)),
    errorPacket(59, serial),
    ...eventPackets(1),
    PING,
    streamPacket(201, serial, Status.CONTINUE, Buffer.from("login: ")),
    streamPacket(201, serial, Status.CONTINUE),
    streamPacket(201, serial, Status.OK),
    streamErrorPacket(201, serial),
  ];
}

const byProc = new Map<number, ReplySeed>(REPLY_SEEDS.map((s) => [s.proc.proc, s]));

/** Decodes one packet body the way the client would, up to the typed value. */
function decodeBody(body: Buffer): void {
  const { header, payload } = decodePacket(body);
  if (header.type === PacketType.REPLY) {
    if (header.status === Status.OK) {
      const s = byProc.get(header.proc);
      if (s) decodeAll(s.proc.ret, payload);
    } else new LibvirtError(decodeAll(remoteError, payload));
  } else if (header.type === PacketType.MESSAGE && header.prog === Program.REMOTE) {
    decodeEvent(header.proc, payload);
  } else if (header.type === PacketType.STREAM && header.status === Status.ERROR) {
    if (payload.length > 0) new LibvirtError(decodeAll(remoteError, payload));
  }
}

/** Cuts `b` into chunks of random sizes (1 byte up to the whole), as TCP may. */
function chunks(r: Prng, b: Buffer): Buffer[] {
  const out: Buffer[] = [];
  const max = r.pick([1, 7, 64, 4096]);
  for (let at = 0; at < b.length; ) {
    const n = r.range(1, max);
    out.push(b.subarray(at, at + n));
    at += n;
  }
  return out;
}

export interface DecoderResult {
  packets: number;
  tally: Tally;
  crashes: number;
  hangs: number;
  slowestMs: number;
}

export function fuzzDecoder(base: Prng, count: number): DecoderResult {
  const seeds = seedPackets();
  const tally = new Tally();
  let slowestMs = 0;
  for (let i = 0; i < count; i++) {
    const r = base.fork(`rpc-decoder:${i}`);
    const packet = mutatePacket(r, r.pick(seeds), r.pick(seeds));
    const started = performance.now();
    try {
      const splitter = new PacketSplitter();
      let bodies = 0;
      for (const chunk of chunks(r, packet)) {
        for (const body of splitter.push(chunk)) {
          decodeBody(body);
          bodies++;
        }
      }
      tally.add(bodies > 0 ? "decoded" : "incomplete (framing waits for more bytes)");
    } catch (e) {
      const label = errorLabel(e);
      if (TYPED.has(label)) tally.add(`typed error ${label}`);
      else
        tally.fail(
          "crash (untyped exception)",
          `case ${i}: ${label}: ${(e as Error).message} — packet ${packet.toString("hex").slice(0, 160)}`,
        );
    }
    const ms = performance.now() - started;
    slowestMs = Math.max(slowestMs, ms);
    if (ms > HANG_MS) tally.fail("hang (decode too slow)", `case ${i}: ${ms.toFixed(0)} ms`);
  }
  return {
    packets: count,
    tally,
    crashes: tally.get("crash (untyped exception)"),
    hangs: tally.get("hang (decode too slow)"),
    slowestMs,
  };
}
