/**
 * The RPC client: one multiplexed connection over any Duplex. Assigns
 * serials, caps calls in flight (libvirtd's max_client_requests), matches
 * replies by serial, routes STREAM packets to open streams and MESSAGE
 * packets to event listeners, runs keepalive, and fails everything pending
 * with a clear error when the connection goes away.
 */
import { EventEmitter } from "node:events";
import type { Duplex } from "node:stream";
import { CallQueue, type PendingCall } from "./call-queue";
import { ConnectionError, LibvirtError, ProtocolError } from "./errors";
import { PacketSplitter } from "./framing";
import { Keepalive, type KeepaliveOptions } from "./keepalive";
import { PacketType, Program, Status } from "./protocol/constants";
import { decodeAll, decodePacket, encodePacket, type Header, remoteError } from "./protocol/packet";
import type { Procedure } from "./protocol/procedure";

/** Client tuning. */
export interface ClientOptions {
  /** Default per-call timeout in ms, counted from the call (queue time included). Default 30 000. */
  callTimeout?: number;
  /** Calls on the wire at once; the rest wait in a queue. Default 4 (libvirtd allows 5). */
  maxInFlight?: number;
  keepalive?: KeepaliveOptions;
}

/** Per-call options. */
export interface CallOptions {
  /** Timeout in ms for this call; 0 means none (for long calls such as migration). */
  timeout?: number;
}

/** Receives the STREAM packets (and the end) of one open stream. */
export interface StreamSink {
  onPacket(header: Header, payload: Buffer): void;
  onClose(err: Error): void;
}

/** Events: "message" (proc, payload) for REMOTE events; "close" (error) once. */
export class RpcClient extends EventEmitter {
  private serial = 0;
  private readonly calls: CallQueue;
  private readonly streams = new Map<number, StreamSink>();
  private readonly splitter = new PacketSplitter();
  private readonly keepalive: Keepalive;
  private closedWith: Error | undefined;
  private readonly callTimeout: number;

  constructor(
    private readonly sock: Duplex,
    opts: ClientOptions = {},
  ) {
    super();
    this.callTimeout = opts.callTimeout ?? 30_000;
    this.calls = new CallQueue(
      Math.max(1, opts.maxInFlight ?? 4),
      (b) => this.write(b),
      (serial, call) => this.timeOut(serial, call),
    );
    this.keepalive = new Keepalive(
      (b) => this.write(b),
      (msg) => this.fail(new ConnectionError("timeout", msg)),
      { interval: opts.keepalive?.interval ?? 5_000, count: opts.keepalive?.count ?? 5 },
    );
    sock.on("data", (chunk: Buffer) => this.onData(chunk));
    sock.on("error", (e) =>
      this.fail(new ConnectionError("closed", `connection error: ${e.message}`, { cause: e })),
    );
    sock.on("close", () =>
      this.fail(new ConnectionError("closed", "connection to libvirtd closed")),
    );
    sock.on("end", () =>
      this.fail(new ConnectionError("closed", "libvirtd closed the connection")),
    );
  }

  /** True once the connection failed or was closed. */
  get closed(): boolean {
    return this.closedWith !== undefined;
  }

  /** Starts our own keepalive pings (call after the server accepted feature 10). */
  startKeepalive(): void {
    this.keepalive.start();
  }

  /** Calls a procedure and resolves with its decoded reply. */
  call<A, R>(proc: Procedure<A, R>, args: A, opts: CallOptions = {}): Promise<R> {
    return this.callWithSerial(proc, args, opts).reply;
  }

  /**
   * Calls a procedure that opens a stream: `sink` is registered on the call's
   * serial before the CALL is written, so no STREAM packet can be missed.
   */
  callStream<A, R>(proc: Procedure<A, R>, args: A, sink: StreamSink, opts: CallOptions = {}) {
    return this.callWithSerial(proc, args, opts, sink);
  }

  private callWithSerial<A, R>(
    proc: Procedure<A, R>,
    args: A,
    opts: CallOptions,
    sink?: StreamSink,
  ) {
    this.serial = (this.serial + 1) >>> 0 || 1;
    const serial = this.serial;
    const reply = new Promise<R>((resolve, reject) => {
      if (this.closedWith) return reject(this.closedWith);
      let packet: Buffer;
      try {
        const h = {
          prog: proc.prog,
          proc: proc.proc,
          type: PacketType.CALL,
          serial,
          status: Status.OK,
        };
        packet = encodePacket(h, proc.args, args);
      } catch (e) {
        return reject(e instanceof Error ? e : new Error(String(e)));
      }
      const p: PendingCall = {
        proc: proc as Procedure<unknown, unknown>,
        packet,
        resolve: resolve as (v: unknown) => void,
        reject,
        deadline: 0,
        timeoutMs: 0,
        sent: false,
      };
      const timeout = opts.timeout ?? this.callTimeout;
      if (timeout > 0) {
        p.deadline = Date.now() + timeout;
        p.timeoutMs = timeout;
      }
      if (sink) this.streams.set(serial, sink);
      this.calls.add(serial, p);
    });
    return { serial, reply };
  }

  private timeOut(serial: number, call: PendingCall): void {
    this.calls.settle(serial);
    const name = call.proc.name;
    this.streams.get(serial)?.onClose(new ConnectionError("timeout", `${name} timed out`));
    this.streams.delete(serial);
    call.reject(new ConnectionError("timeout", `${name} got no reply within ${call.timeoutMs} ms`));
  }

  /** Writes raw packet bytes; returns false when the transport wants us to wait for "drain". */
  write(packet: Buffer): boolean {
    if (this.closedWith || this.sock.destroyed) return true;
    return this.sock.write(packet);
  }

  /** The transport, for "drain" waits by streams. */
  get transport(): Duplex {
    return this.sock;
  }

  /** Forgets a stream once it has ended. */
  dropStream(serial: number): void {
    this.streams.delete(serial);
  }

  private onData(chunk: Buffer): void {
    if (this.closedWith) return;
    try {
      for (const body of this.splitter.push(chunk)) {
        this.keepalive.seen();
        this.route(decodePacket(body).header, body.subarray(24));
        if (this.closedWith) return;
      }
    } catch (e) {
      // Never let a bad packet escape the socket handler: close this connection only.
      const msg = e instanceof Error ? e.message : String(e);
      this.fail(new ProtocolError(`protocol error from libvirtd: ${msg}`));
    }
  }

  private route(h: Header, payload: Buffer): void {
    if (h.type === PacketType.REPLY) {
      this.onReply(h, payload);
      return;
    }
    if (h.type === PacketType.STREAM || h.type === PacketType.STREAM_HOLE) {
      this.streams.get(h.serial)?.onPacket(h, payload);
      return;
    }
    if (h.type === PacketType.MESSAGE) {
      if (h.prog === Program.KEEPALIVE) this.keepalive.handle(h.proc);
      else if (h.prog === Program.REMOTE) this.emit("message", h.proc, payload);
      return;
    }
    throw new ProtocolError(`unexpected packet type ${h.type}`);
  }

  private onReply(h: Header, payload: Buffer): void {
    const p = this.calls.get(h.serial);
    if (!p) return; // a reply to a call that already timed out
    if (h.prog !== p.proc.prog || h.proc !== p.proc.proc) {
      throw new ProtocolError(
        `reply for serial ${h.serial} names procedure ${h.proc}, expected ${p.proc.proc}`,
      );
    }
    this.calls.settle(h.serial);
    let err: Error;
    try {
      if (h.status === Status.OK) {
        p.resolve(decodeAll(p.proc.ret, payload));
        return;
      }
      err = new LibvirtError(decodeAll(remoteError, payload));
    } catch (e) {
      p.reject(new ProtocolError(`malformed reply to ${p.proc.name}`, { cause: e }));
      throw e;
    }
    const sink = this.streams.get(h.serial);
    this.streams.delete(h.serial);
    sink?.onClose(err);
    p.reject(err);
  }

  /** Closes the transport; pending calls fail with `reason`. */
  destroy(reason?: Error): void {
    this.fail(reason ?? new ConnectionError("closed", "connection closed by the client"));
  }

  private fail(err: Error): void {
    if (this.closedWith) return;
    this.closedWith = err;
    this.keepalive.stop();
    this.calls.rejectAll(err);
    for (const [, s] of this.streams) s.onClose(err);
    this.streams.clear();
    this.sock.destroy();
    this.emit("close", err);
  }
}
