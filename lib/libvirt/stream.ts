/**
 * A libvirt stream as a Node Duplex, bound to the serial of the CALL that
 * opened it. Reads: STREAM CONTINUE payloads; an empty one is EOF, after which
 * the finish handshake (STREAM OK both ways) runs by itself. Writes: STREAM
 * CONTINUE chunks of at most 262,120 bytes, waiting for the transport's
 * "drain" (libvirtd stops reading when its request slots are full). end()
 * sends STREAM OK and completes when the server confirms; destroy() aborts
 * (STREAM ERROR, empty payload).
 */
import { Duplex } from "node:stream";
import type { RpcClient, StreamSink } from "./client";
import { ConnectionError, LibvirtError, ProtocolError } from "./errors";
import { PacketType, STREAM_CHUNK, Status } from "./protocol/constants";
import { decodeAll, finishPacket, type Header, remoteError, startPacket } from "./protocol/packet";
import type { Procedure } from "./protocol/procedure";

/** Options for a stream. */
export interface StreamOptions {
  /** Readable buffer size before the connection's reading pauses (default 1 MiB). */
  highWaterMark?: number;
}

/** A libvirt stream (console, screenshot, volume upload/download). */
export class LibvirtStream extends Duplex implements StreamSink {
  private serial = 0;
  private opened: Promise<void> = Promise.resolve();
  private finishSent = false;
  private confirmed = false;
  private onConfirm: ((e?: Error) => void) | undefined;
  private pausedTransport = false;
  private eof = false;

  constructor(
    private readonly rpc: RpcClient,
    private readonly proc: Procedure<unknown, unknown>,
    opts: StreamOptions = {},
  ) {
    super({ readableHighWaterMark: opts.highWaterMark ?? 1 << 20, allowHalfOpen: true });
  }

  /** Binds the stream to its CALL; writes wait until the call's reply arrives. */
  bind(serial: number, reply: Promise<unknown>): void {
    this.serial = serial;
    this.opened = reply.then(() => undefined);
    // The reply's own rejection is reported to the caller; the stream is destroyed via onClose.
    this.opened.catch(() => {});
  }

  /** Routed by the client: one STREAM packet of this stream. */
  onPacket(h: Header, payload: Buffer): void {
    if (h.type === PacketType.STREAM_HOLE) return; // sparse streams are never requested
    if (h.status === Status.CONTINUE) {
      // After the end of file only the finish handshake may come: more data is a broken wire
      // (thrown into the socket handler, which closes the connection with a ProtocolError).
      if (this.eof)
        throw new ProtocolError(`stream data after the end of file on serial ${h.serial}`);
      if (payload.length === 0) {
        this.onEof();
        return;
      }
      // Copy: the payload is a view of the socket's chunk.
      if (!this.push(Buffer.from(payload)) && !this.pausedTransport) {
        this.pausedTransport = true;
        this.rpc.transport.pause();
      }
      return;
    }
    if (h.status === Status.OK) {
      this.onServerOk();
      return;
    }
    const err =
      payload.length > 0
        ? new LibvirtError(decodeAll(remoteError, payload))
        : new ConnectionError("closed", "stream aborted by the server");
    this.end_(err);
  }

  /** Routed by the client: the connection (or the opening call) failed. */
  onClose(err: Error): void {
    this.end_(err);
  }

  override _read(): void {
    if (this.pausedTransport) {
      this.pausedTransport = false;
      this.rpc.transport.resume();
    }
  }

  override _write(chunk: Buffer, _enc: BufferEncoding, cb: (e?: Error | null) => void): void {
    this.opened.then(() => this.sendData(chunk), cb).then(() => cb(), cb);
  }

  override _final(cb: (e?: Error | null) => void): void {
    this.opened.then(() => this.finish(), cb).then(() => cb(), cb);
  }

  override _destroy(err: Error | null, cb: (e?: Error | null) => void): void {
    if (this.pausedTransport) this.rpc.transport.resume();
    if (!this.confirmed && this.serial !== 0 && !this.rpc.closed) {
      this.send(Status.ERROR); // abort; whatever the server answers is ignored
    }
    this.rpc.dropStream(this.serial);
    this.onConfirm?.(err ?? new ConnectionError("closed", "stream destroyed"));
    cb(err);
  }

  private async sendData(chunk: Buffer): Promise<void> {
    for (let off = 0; off < chunk.length; off += STREAM_CHUNK) {
      if (this.confirmed || this.destroyed) throw new ConnectionError("closed", "stream is closed");
      const ok = this.send(Status.CONTINUE, chunk.subarray(off, off + STREAM_CHUNK));
      if (!ok) await new Promise<void>((resolve) => this.rpc.transport.once("drain", resolve));
    }
  }

  /** Sends STREAM OK (once) and resolves when the server confirms. */
  private finish(): Promise<void> {
    if (this.confirmed) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.onConfirm = (e) => (e ? reject(e) : resolve());
      if (!this.finishSent) {
        this.finishSent = true;
        this.send(Status.OK);
      }
    });
  }

  private onEof(): void {
    this.eof = true;
    // No more data comes, but the server's confirmation does: a read paused by a full buffer
    // must go on (an ended stream's _read is never called again to resume it).
    if (this.pausedTransport) {
      this.pausedTransport = false;
      this.rpc.transport.resume();
    }
    this.push(null);
    this.finish().then(
      () => this.end(),
      () => {},
    );
  }

  private onServerOk(): void {
    this.confirmed = true;
    this.rpc.dropStream(this.serial);
    this.push(null);
    const cb = this.onConfirm;
    this.onConfirm = undefined;
    cb?.();
  }

  /** Ends the stream with an error from the server or the connection. */
  private end_(err: Error): void {
    this.confirmed = true;
    this.rpc.dropStream(this.serial);
    const cb = this.onConfirm;
    this.onConfirm = undefined;
    cb?.(err);
    this.destroy(err);
  }

  private send(status: number, data?: Buffer): boolean {
    const w = startPacket({
      prog: this.proc.prog,
      proc: this.proc.proc,
      type: PacketType.STREAM,
      serial: this.serial,
      status,
    });
    if (data) w.raw(data);
    return this.rpc.write(finishPacket(w));
  }
}
