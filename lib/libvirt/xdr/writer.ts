/**
 * XDR (RFC 4506) encoder into a growable buffer. Values out of range for
 * their type throw a RangeError (Node's write helpers check them).
 */

/** Writes XDR primitives into a buffer that grows on demand. */
export class XdrWriter {
  private buf: Buffer;
  private offset: number;

  /** `reserve` bytes are left at the start (the packet's length word and header). */
  constructor(reserve = 0, initial = 256) {
    this.buf = Buffer.allocUnsafe(Math.max(initial, reserve + 64));
    this.buf.fill(0, 0, reserve);
    this.offset = reserve;
  }

  private room(n: number): number {
    if (this.offset + n > this.buf.length) {
      const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.offset + n));
      this.buf.copy(next, 0, 0, this.offset);
      this.buf = next;
    }
    const at = this.offset;
    this.offset += n;
    return at;
  }

  int(v: number): void {
    const at = this.room(4);
    this.buf.writeInt32BE(v, at);
  }

  uint(v: number): void {
    const at = this.room(4);
    this.buf.writeUInt32BE(v, at);
  }

  hyper(v: bigint): void {
    const at = this.room(8);
    this.buf.writeBigInt64BE(v, at);
  }

  uhyper(v: bigint): void {
    const at = this.room(8);
    this.buf.writeBigUInt64BE(v, at);
  }

  double(v: number): void {
    const at = this.room(8);
    this.buf.writeDoubleBE(v, at);
  }

  bool(v: boolean): void {
    this.int(v ? 1 : 0);
  }

  /** `opaque[n]`: exactly n bytes then zero padding. */
  fixedOpaque(v: Uint8Array, n: number): void {
    if (v.length !== n) throw new RangeError(`opaque[${n}] given ${v.length} bytes`);
    this.bytes(v);
  }

  /** `opaque<max>`: length word, bytes, padding. */
  varOpaque(v: Uint8Array, max: number): void {
    if (v.length > max) throw new RangeError(`opaque length ${v.length} exceeds ${max}`);
    this.uint(v.length);
    this.bytes(v);
  }

  /** `string<max>`: UTF-8 byte length, bytes, padding. */
  string(v: string, max: number): void {
    const n = Buffer.byteLength(v, "utf8");
    if (n > max) throw new RangeError(`string length ${n} exceeds ${max}`);
    this.uint(n);
    const at = this.room(n);
    this.buf.write(v, at, "utf8");
    this.pad(n);
  }

  private bytes(v: Uint8Array): void {
    const at = this.room(v.length);
    this.buf.set(v, at);
    this.pad(v.length);
  }

  private pad(n: number): void {
    const pad = (4 - (n % 4)) % 4;
    const at = this.room(pad);
    this.buf.fill(0, at, at + pad);
  }

  /** Raw bytes, no padding (stream data). */
  raw(v: Uint8Array): void {
    const at = this.room(v.length);
    this.buf.set(v, at);
  }

  /** Bytes written so far, including the reserved prefix. */
  get length(): number {
    return this.offset;
  }

  /** The encoded bytes (a view; do not write after taking it). */
  finish(): Buffer {
    return this.buf.subarray(0, this.offset);
  }
}
