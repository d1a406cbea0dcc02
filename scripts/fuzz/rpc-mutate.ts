// Mutations of whole packets (length word + 24-byte header + payload): bit flips, byte
// changes, truncation, length-word lies (small, large, huge), lies in the payload's own length
// words, header fields at their limits, inserted/removed/duplicated slices, splices of two
// packets, and plain random bytes. Most mutations keep the length word honest afterwards so the
// payload reaches the XDR decoder instead of failing at the framing every time.
import { HEADER_SIZE, LEN_SIZE, MESSAGE_MAX } from "@/lib/libvirt/protocol/constants";
import type { Prng } from "./prng";

const BODY_AT = LEN_SIZE + HEADER_SIZE;

/** Names of the mutation kinds, for the report's breakdown. */
export const MUTATIONS = [
  "bit flips",
  "byte changes",
  "truncation",
  "length word lie",
  "huge length word",
  "payload length lie",
  "header field",
  "slice inserted",
  "slice removed",
  "splice",
  "random bytes",
] as const;
export type MutationKind = (typeof MUTATIONS)[number];

function fixLength(b: Buffer): Buffer {
  if (b.length >= LEN_SIZE) b.writeUInt32BE(b.length, 0);
  return b;
}

function flipBits(r: Prng, b: Buffer): Buffer {
  const n = r.range(1, 8);
  for (let i = 0; i < n; i++) {
    const at = r.int(b.length);
    b[at] = b[at]! ^ (1 << r.int(8));
  }
  return b;
}

function changeBytes(r: Prng, b: Buffer): Buffer {
  const n = r.range(1, 4);
  for (let i = 0; i < n; i++) b[r.int(b.length)] = r.pick([0, 0xff, 0x7f, 0x80, r.int(256)]);
  return b;
}

/** A 4-byte aligned word of the payload (a length, count, discriminant or int) set to an edge. */
function payloadLengthLie(r: Prng, b: Buffer): Buffer {
  const words = Math.floor((b.length - BODY_AT) / 4);
  if (words <= 0) return changeBytes(r, b);
  b.writeUInt32BE(r.edgyUint32(), BODY_AT + 4 * r.int(words));
  return b;
}

function headerField(r: Prng, b: Buffer): Buffer {
  // prog, vers, proc, type, serial, status
  const field = r.int(6);
  const values = [
    [0, 0x20008086, 0x20008087, 0x6b656570, r.edgyUint32()],
    [0, 1, 2, r.edgyUint32()],
    [0, 1, 59, 318, r.edgyUint32()],
    [0, 1, 2, 3, 4, 5, 6, 7, -1, r.edgyUint32()],
    [0, 1, 2, r.edgyUint32()],
    [0, 1, 2, 3, -1, r.edgyUint32()],
  ][field]!;
  b.writeUInt32BE(r.pick(values) >>> 0, LEN_SIZE + 4 * field);
  return b;
}

/** Applies one mutation kind to a copy of `base` (a whole packet). */
export function mutatePacket(
  r: Prng,
  base: Buffer,
  other: Buffer,
  kind: MutationKind = r.pick(MUTATIONS),
): Buffer {
  const b = Buffer.from(base);
  switch (kind) {
    case "bit flips":
    case "byte changes": {
      const out = kind === "bit flips" ? flipBits(r, b) : changeBytes(r, b);
      // Mostly with the length word made honest again, so the change reaches the decoder.
      return r.chance(0.7) ? fixLength(out) : out;
    }
    case "truncation": {
      const cut = b.subarray(0, r.int(b.length));
      return r.chance(0.5) ? fixLength(Buffer.from(cut)) : cut;
    }
    case "length word lie":
      b.writeUInt32BE(Math.max(0, b.length + r.range(-b.length, 64)), 0);
      return b;
    case "huge length word":
      b.writeUInt32BE(
        r.pick([MESSAGE_MAX + 4, MESSAGE_MAX + 5, 0x7fffffff, 0xffffffff, MESSAGE_MAX]),
        0,
      );
      return b;
    case "payload length lie":
      return payloadLengthLie(r, b);
    case "header field":
      return headerField(r, b);
    case "slice inserted": {
      const at = r.range(LEN_SIZE, b.length);
      const extra = r.chance(0.5) ? r.bytes(r.range(1, 64)) : b.subarray(at, at + r.range(1, 32));
      return fixLength(Buffer.concat([b.subarray(0, at), extra, b.subarray(at)]));
    }
    case "slice removed": {
      const at = r.range(LEN_SIZE, b.length);
      return fixLength(Buffer.concat([b.subarray(0, at), b.subarray(at + r.range(1, 32))]));
    }
    case "splice": {
      const at = r.range(BODY_AT, b.length);
      const from = r.range(BODY_AT, other.length);
      return fixLength(Buffer.concat([b.subarray(0, at), other.subarray(from)]));
    }
    case "random bytes": {
      const noise = r.bytes(r.range(0, 300));
      // Half of them look like a packet from the outside: an honest length and a real header.
      if (r.chance(0.5) && noise.length >= BODY_AT) {
        b.copy(noise, 0, 0, BODY_AT);
        fixLength(noise);
      }
      return noise;
    }
  }
}
