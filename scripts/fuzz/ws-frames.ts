// Raw WebSocket frames (RFC 6455 §5.2) written by hand, so that they can be wrong in every way
// a library would refuse to produce: unknown opcodes, reserved bits, lengths the payload does
// not have or the server refuses, unmasked client frames, broken fragmentation, control frames
// that are too long or fragmented, invalid UTF-8, close frames with codes nobody may send.
import type { Prng } from "./prng";

export const Opcode = { CONT: 0, TEXT: 1, BINARY: 2, CLOSE: 8, PING: 9, PONG: 10 } as const;

export interface FrameSpec {
  fin?: boolean;
  rsv?: number; // the three reserved bits, 0-7
  opcode: number;
  payload: Buffer;
  masked?: boolean;
  /** The length announced in the header, when it should lie about the payload. */
  announced?: bigint;
}

/** Encodes one frame; the payload is masked with a random key unless `masked` is false. */
export function encodeFrame(r: Prng, f: FrameSpec): Buffer {
  const masked = f.masked ?? true;
  const len = f.announced ?? BigInt(f.payload.length);
  const head: number[] = [((f.fin ?? true) ? 0x80 : 0) | ((f.rsv ?? 0) << 4) | (f.opcode & 0x0f)];
  const maskBit = masked ? 0x80 : 0;
  let ext = Buffer.alloc(0);
  if (len < 126n) head.push(maskBit | Number(len));
  else if (len < 65536n) {
    head.push(maskBit | 126);
    ext = Buffer.alloc(2);
    ext.writeUInt16BE(Number(len));
  } else {
    head.push(maskBit | 127);
    ext = Buffer.alloc(8);
    ext.writeBigUInt64BE(len);
  }
  const key = masked ? r.bytes(4) : Buffer.alloc(0);
  const body = Buffer.from(f.payload);
  if (masked) for (let i = 0; i < body.length; i++) body[i] = body[i]! ^ key[i % 4]!;
  return Buffer.concat([Buffer.from(head), ext, key, body]);
}

/** A close frame's payload: a 2-byte code and a reason. */
export function closePayload(code: number, reason = ""): Buffer {
  const b = Buffer.alloc(2);
  b.writeUInt16BE(code & 0xffff);
  return Buffer.concat([b, Buffer.from(reason)]);
}

/** One step of what a fuzz connection sends: the frames, and whether the server must hang up. */
export interface FrameCase {
  name: string;
  frames: FrameSpec[];
  /** RFC 6455 says the server must fail the connection (or the route closes it by design). */
  fatal: boolean;
}

const INVALID_UTF8 = [
  Buffer.from([0xc3, 0x28]),
  Buffer.from([0xff, 0xfe, 0xfd]),
  Buffer.from([0xed, 0xa0, 0x80]), // an encoded surrogate
  Buffer.from([0xf8, 0x88, 0x80, 0x80, 0x80]),
  Buffer.from([0x7b, 0x22, 0xe2, 0x82]), // '{"' and a cut multi-byte sequence
];

/** Close codes an endpoint must never send (§7.4.1, §7.4.2). */
const BAD_CLOSE_CODES = [0, 1, 999, 1004, 1005, 1006, 1015, 1016, 2999, 5000, 65535];

/**
 * Protocol violations the server must answer by closing the connection. `dataOpcode` is the
 * opcode carried by violations that have a data frame: consoles never get a deliverable binary
 * frame (its bytes would reach the guest), so their violations use text.
 */
export function violation(r: Prng, dataOpcode: number): FrameCase {
  const data = r.bytes(r.range(0, 40));
  const cases: (() => FrameCase)[] = [
    () => ({
      name: "reserved opcode",
      frames: [{ opcode: r.pick([3, 4, 5, 6, 7, 11, 12, 13, 14, 15]), payload: data }],
      fatal: true,
    }),
    () => ({
      name: "reserved bits set",
      frames: [{ opcode: r.pick([dataOpcode, Opcode.PING]), rsv: r.range(1, 7), payload: data }],
      fatal: true,
    }),
    () => ({
      name: "unmasked client frame",
      frames: [{ opcode: r.pick([dataOpcode, Opcode.PING]), payload: data, masked: false }],
      fatal: true,
    }),
    () => ({
      name: "length over the server's limit",
      frames: [
        {
          opcode: dataOpcode,
          payload: data,
          announced: r.pick([(1n << 20n) + 1n, 1n << 32n, (1n << 63n) - 1n]),
        },
      ],
      fatal: true,
    }),
    () => ({
      name: "64-bit length with the top bit set",
      frames: [{ opcode: dataOpcode, payload: data, announced: (1n << 63n) + 5n }],
      fatal: true,
    }),
    () => ({
      name: "continuation without a start",
      frames: [{ opcode: Opcode.CONT, payload: data }],
      fatal: true,
    }),
    () => ({
      name: "new message inside a fragmented one",
      frames: [
        { opcode: Opcode.TEXT, fin: false, payload: Buffer.from('{"type":') },
        { opcode: Opcode.TEXT, payload: Buffer.from('"ping"}') },
      ],
      fatal: true,
    }),
    () => ({
      name: "fragmented control frame",
      frames: [
        { opcode: r.pick([Opcode.PING, Opcode.PONG, Opcode.CLOSE]), fin: false, payload: data },
      ],
      fatal: true,
    }),
    () => ({
      name: "control frame over 125 bytes",
      frames: [{ opcode: r.pick([Opcode.PING, Opcode.PONG]), payload: r.bytes(r.range(126, 300)) }],
      fatal: true,
    }),
    () => ({
      name: "invalid UTF-8 text",
      frames: [{ opcode: Opcode.TEXT, payload: r.pick(INVALID_UTF8) }],
      fatal: true,
    }),
    () => ({
      name: "invalid UTF-8 across fragments",
      frames: [
        { opcode: Opcode.TEXT, fin: false, payload: Buffer.from([0x22, 0xe2]) },
        { opcode: Opcode.CONT, payload: Buffer.from([0x28, 0xa1]) },
      ],
      fatal: true,
    }),
    () => ({
      name: "close with a forbidden code",
      frames: [{ opcode: Opcode.CLOSE, payload: closePayload(r.pick(BAD_CLOSE_CODES), "bye") }],
      fatal: true,
    }),
    () => ({
      name: "close with a 1-byte payload",
      frames: [{ opcode: Opcode.CLOSE, payload: Buffer.from([0x03]) }],
      fatal: true,
    }),
    () => ({
      name: "close with an invalid UTF-8 reason",
      frames: [
        {
          opcode: Opcode.CLOSE,
          payload: Buffer.concat([closePayload(1000), r.pick(INVALID_UTF8)]),
        },
      ],
      fatal: true,
    }),
  ];
  return r.pick(cases)();
}

/** Frames that are valid WebSocket and must leave the connection usable. */
export function harmlessFrames(r: Prng, text: () => string): FrameCase {
  const cases: (() => FrameCase)[] = [
    () => ({
      name: "ping",
      frames: [{ opcode: Opcode.PING, payload: r.bytes(r.range(0, 125)) }],
      fatal: false,
    }),
    () => ({
      name: "unsolicited pong",
      frames: [{ opcode: Opcode.PONG, payload: r.bytes(r.range(0, 20)) }],
      fatal: false,
    }),
    () => {
      const t = Buffer.from(text());
      const cut = r.int(t.length + 1);
      return {
        name: "text in fragments with a ping between",
        frames: [
          { opcode: Opcode.TEXT, fin: false, payload: t.subarray(0, cut) },
          { opcode: Opcode.PING, payload: Buffer.from("mid") },
          { opcode: Opcode.CONT, payload: t.subarray(cut) },
        ],
        fatal: false,
      };
    },
  ];
  return r.pick(cases)();
}
