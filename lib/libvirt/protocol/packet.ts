/**
 * Packet header and the remote_error struct, plus helpers that build a whole
 * packet (length word + header + payload) in one buffer.
 */
import type { Codec } from "../xdr/codec";
import { int, optional, struct } from "../xdr/codec";
import { XdrError, XdrReader } from "../xdr/reader";
import { XdrWriter } from "../xdr/writer";
import {
  HEADER_SIZE,
  LEN_SIZE,
  MESSAGE_MAX,
  PacketType,
  PROGRAM_VERSION,
  Status,
} from "./constants";
import { domainRef, networkRef, optStr } from "./types";

/** The 24-byte header of every packet. */
export interface Header {
  prog: number;
  vers: number;
  proc: number;
  type: number;
  serial: number;
  status: number;
}

/** A decoded packet: its header and the payload bytes after it. */
export interface Packet {
  header: Header;
  payload: Buffer;
}

/** Decodes a packet body (header + payload, length word already stripped). */
export function decodePacket(body: Buffer): Packet {
  if (body.length < HEADER_SIZE) throw new XdrError(`packet of ${body.length} bytes has no header`);
  const header: Header = {
    prog: body.readUInt32BE(0),
    vers: body.readUInt32BE(4),
    proc: body.readInt32BE(8),
    type: body.readInt32BE(12),
    serial: body.readUInt32BE(16),
    status: body.readInt32BE(20),
  };
  if (header.type < PacketType.CALL || header.type > PacketType.STREAM_HOLE) {
    throw new XdrError(`unknown packet type ${header.type}`);
  }
  if (header.status < Status.OK || header.status > Status.CONTINUE) {
    throw new XdrError(`unknown packet status ${header.status}`);
  }
  return { header, payload: body.subarray(HEADER_SIZE) };
}

/** Starts a packet: a writer with room for the length word and the header filled in. */
export function startPacket(h: Omit<Header, "vers">, payloadHint = 0): XdrWriter {
  const w = new XdrWriter(0, LEN_SIZE + HEADER_SIZE + payloadHint + 64);
  w.uint(0); // length, patched by finishPacket
  w.uint(h.prog);
  w.uint(PROGRAM_VERSION);
  w.int(h.proc);
  w.int(h.type);
  w.uint(h.serial);
  w.int(h.status);
  return w;
}

/** Patches the length word and returns the packet bytes. */
export function finishPacket(w: XdrWriter): Buffer {
  const buf = w.finish();
  if (buf.length - LEN_SIZE > MESSAGE_MAX) {
    throw new RangeError(`packet of ${buf.length} bytes exceeds the ${MESSAGE_MAX}-byte limit`);
  }
  buf.writeUInt32BE(buf.length, 0);
  return buf;
}

/** Encodes a whole packet whose payload is `codec(value)`. */
export function encodePacket<T>(h: Omit<Header, "vers">, codec: Codec<T>, value: T): Buffer {
  const w = startPacket(h);
  codec.enc(w, value);
  return finishPacket(w);
}

/** remote_error, in wire order; `dom` and `net` are never filled by the daemon. */
export const remoteError = struct({
  code: int,
  domain: int,
  message: optStr,
  level: int,
  dom: optional(domainRef),
  str1: optStr,
  str2: optStr,
  str3: optStr,
  int1: int,
  int2: int,
  net: optional(networkRef),
});

/** Decodes a payload fully with `codec`; trailing bytes are a protocol error. */
export function decodeAll<T>(codec: Codec<T>, payload: Buffer): T {
  const r = new XdrReader(payload);
  const v = codec.dec(r);
  r.end();
  return v;
}
