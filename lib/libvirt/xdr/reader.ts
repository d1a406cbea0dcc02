/**
 * XDR (RFC 4506) decoder over one packet payload.
 *
 * Every read is bounds-checked and throws {@link XdrError} on truncation, on a
 * length over its declared maximum, or on non-zero padding; callers (the
 * client's socket handler) catch it and close the connection.
 */

/** A malformed XDR payload: truncated, oversized, or badly padded. */
export class XdrError extends Error {
  override name = "XdrError";
}

/** Reads XDR primitives from a buffer, advancing an offset. */
export class XdrReader {
  private offset = 0;

  constructor(private readonly buf: Buffer) {}

  /** Bytes not yet consumed. */
  get remaining(): number {
    return this.buf.length - this.offset;
  }

  private need(n: number): number {
    if (n > this.remaining) {
      throw new XdrError(
        `truncated: need ${n} bytes at offset ${this.offset}, have ${this.remaining}`,
      );
    }
    const at = this.offset;
    this.offset += n;
    return at;
  }

  int(): number {
    return this.buf.readInt32BE(this.need(4));
  }

  uint(): number {
    return this.buf.readUInt32BE(this.need(4));
  }

  hyper(): bigint {
    return this.buf.readBigInt64BE(this.need(8));
  }

  uhyper(): bigint {
    return this.buf.readBigUInt64BE(this.need(8));
  }

  double(): number {
    return this.buf.readDoubleBE(this.need(8));
  }

  /** XDR bool: strictly 0 or 1. */
  bool(): boolean {
    const v = this.int();
    if (v !== 0 && v !== 1) throw new XdrError(`bad boolean ${v}`);
    return v === 1;
  }

  /** A length word checked against `max` before anything is allocated. */
  length(max: number): number {
    const n = this.uint();
    if (n > max) throw new XdrError(`length ${n} exceeds maximum ${max}`);
    return n;
  }

  /** `opaque[n]`: n bytes plus padding (a copy, safe to keep). */
  fixedOpaque(n: number): Buffer {
    const at = this.need(n);
    const out = Buffer.from(this.buf.subarray(at, at + n));
    this.padding(n);
    return out;
  }

  /** `opaque<max>`: length word, bytes, padding. */
  varOpaque(max: number): Buffer {
    return this.fixedOpaque(this.length(max));
  }

  /** `string<max>`: length word, UTF-8 bytes, padding. */
  string(max: number): string {
    const n = this.length(max);
    const at = this.need(n);
    const s = this.buf.toString("utf8", at, at + n);
    this.padding(n);
    return s;
  }

  private padding(n: number): void {
    const pad = (4 - (n % 4)) % 4;
    const at = this.need(pad);
    for (let i = 0; i < pad; i++) {
      if (this.buf[at + i] !== 0) throw new XdrError(`non-zero padding at offset ${at + i}`);
    }
  }

  /** The unread rest of the buffer (raw stream data). */
  rest(): Buffer {
    const at = this.need(this.remaining);
    return this.buf.subarray(at);
  }

  /** Throws unless every byte was consumed: trailing garbage is a protocol error. */
  end(): void {
    if (this.remaining !== 0) throw new XdrError(`${this.remaining} trailing bytes`);
  }
}
