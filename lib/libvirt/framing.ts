/**
 * Splits a byte stream into packets. Handles any chunking (one byte at a
 * time or many packets per chunk) and checks the length word before
 * allocating anything for the packet.
 */

import { ProtocolError } from "./errors";
import { HEADER_SIZE, LEN_SIZE, MESSAGE_MAX } from "./protocol/constants";

/** Accumulates chunks and yields complete packet bodies (header + payload). */
export class PacketSplitter {
  private chunks: Buffer[] = [];
  private buffered = 0;
  private need = -1; // body length of the packet being assembled, -1 while reading L

  constructor(private readonly maxMessage: number = MESSAGE_MAX) {}

  /**
   * Feeds a chunk; returns the complete packet bodies it finished. Throws a
   * {@link ProtocolError} for an impossible length word: the caller must then
   * close the connection (the stream cannot be resynchronised).
   */
  push(chunk: Buffer): Buffer[] {
    if (chunk.length > 0) {
      this.chunks.push(chunk);
      this.buffered += chunk.length;
    }
    const out: Buffer[] = [];
    for (;;) {
      if (this.need < 0) {
        if (this.buffered < LEN_SIZE) break;
        const len = this.take(LEN_SIZE).readUInt32BE(0);
        if (len < LEN_SIZE + HEADER_SIZE || len - LEN_SIZE > this.maxMessage) {
          throw new ProtocolError(`invalid packet length ${len}`);
        }
        this.need = len - LEN_SIZE;
      }
      if (this.buffered < this.need) break;
      out.push(this.take(this.need));
      this.need = -1;
    }
    return out;
  }

  /** Bytes held that do not yet form a packet. */
  get pending(): number {
    return this.buffered + (this.need >= 0 ? LEN_SIZE : 0);
  }

  /** Removes n bytes from the front (n ≤ buffered), copying only when they span chunks. */
  private take(n: number): Buffer {
    const first = this.chunks[0];
    if (first && first.length >= n) {
      const out = first.subarray(0, n);
      if (first.length === n) this.chunks.shift();
      else this.chunks[0] = first.subarray(n);
      this.buffered -= n;
      return out;
    }
    const out = Buffer.allocUnsafe(n);
    let filled = 0;
    while (filled < n) {
      const c = this.chunks[0]!;
      const k = Math.min(c.length, n - filled);
      c.copy(out, filled, 0, k);
      filled += k;
      if (k === c.length) this.chunks.shift();
      else this.chunks[0] = c.subarray(k);
    }
    this.buffered -= n;
    return out;
  }
}
