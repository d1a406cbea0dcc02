/**
 * Calls waiting for a reply on one connection: the pending map keyed by
 * serial, the FIFO of calls not yet written (libvirtd's max_client_requests
 * caps what may be on the wire), and per-call deadlines.
 */
import type { Procedure } from "./protocol/procedure";

/** Granularity of call timeouts, in ms. */
const SWEEP_MS = 25;

/** One call: its encoded packet and how to settle it. */
export interface PendingCall {
  proc: Procedure<unknown, unknown>;
  packet: Buffer;
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
  /** Epoch ms after which the call times out (0: never). */
  deadline: number;
  timeoutMs: number;
  sent: boolean;
}

/** The pending calls of one connection. */
export class CallQueue {
  private readonly pending = new Map<number, PendingCall>();
  private readonly queue: number[] = [];
  private inFlight = 0;
  private sweeper: NodeJS.Timeout | undefined;

  constructor(
    private readonly maxInFlight: number,
    private readonly write: (packet: Buffer) => void,
    private readonly onTimeout: (serial: number, call: PendingCall) => void,
  ) {}

  /** Queues a call and writes it if there is room on the wire. */
  add(serial: number, call: PendingCall): void {
    this.pending.set(serial, call);
    if (call.deadline !== 0) this.armSweeper();
    this.queue.push(serial);
    this.pump();
  }

  /** The call waiting on `serial`, if any (without settling it). */
  get(serial: number): PendingCall | undefined {
    return this.pending.get(serial);
  }

  /** Removes a call (answered or timed out) and lets the next queued call go. */
  settle(serial: number): PendingCall | undefined {
    const call = this.pending.get(serial);
    if (!call) return undefined;
    this.pending.delete(serial);
    if (call.sent) this.inFlight--;
    this.pump();
    return call;
  }

  /** Rejects and forgets every call (the connection is gone). */
  rejectAll(err: Error): void {
    this.disarmSweeper();
    const calls = [...this.pending.values()];
    this.pending.clear();
    this.queue.length = 0;
    for (const call of calls) call.reject(err);
  }

  private pump(): void {
    while (this.inFlight < this.maxInFlight && this.queue.length > 0) {
      const call = this.pending.get(this.queue.shift()!);
      if (!call || call.sent) continue;
      call.sent = true;
      this.inFlight++;
      this.write(call.packet);
    }
  }

  /**
   * One timer per connection instead of one per call (a timer per call costs
   * more than the call itself): deadlines are checked every SWEEP_MS while
   * calls are pending, so a timeout fires up to SWEEP_MS late.
   */
  private armSweeper(): void {
    if (this.sweeper) return;
    this.sweeper = setInterval(() => {
      const now = Date.now();
      for (const [serial, call] of this.pending) {
        if (call.deadline !== 0 && call.deadline <= now) this.onTimeout(serial, call);
      }
      if (this.pending.size === 0) this.disarmSweeper();
    }, SWEEP_MS);
    this.sweeper.unref();
  }

  private disarmSweeper(): void {
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = undefined;
  }
}
