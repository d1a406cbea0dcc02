/**
 * Client-side keepalive: answers the server's PINGs at once (even while calls
 * are queued) and pings the server after `interval` ms of silence; `count`
 * unanswered pings mean the peer is dead.
 */
import { KeepaliveProc, PacketType, Program, Status } from "./protocol/constants";
import { finishPacket, startPacket } from "./protocol/packet";

/** Keepalive tuning. interval 0 disables our own pings (server pings are still answered). */
export interface KeepaliveOptions {
  /** Milliseconds of silence before we ping (default 5000, libvirt's default). */
  interval?: number;
  /** Unanswered pings before the connection is declared dead (default 5). */
  count?: number;
}

/** Builds a keepalive packet (PING or PONG): 28 bytes, serial 0, empty payload. */
export function keepalivePacket(proc: number): Buffer {
  return finishPacket(
    startPacket({
      prog: Program.KEEPALIVE,
      proc,
      type: PacketType.MESSAGE,
      serial: 0,
      status: Status.OK,
    }),
  );
}

const PING = keepalivePacket(KeepaliveProc.PING);
const PONG = keepalivePacket(KeepaliveProc.PONG);

/** Drives keepalive for one connection. */
export class Keepalive {
  private timer: NodeJS.Timeout | undefined;
  private missed = 0;
  private lastSeen = Date.now();

  constructor(
    private readonly send: (b: Buffer) => void,
    private readonly onDead: (message: string) => void,
    private readonly opts: Required<KeepaliveOptions>,
  ) {}

  /** Starts our own pings. */
  start(): void {
    if (this.opts.interval <= 0 || this.timer) return;
    this.timer = setInterval(() => this.tick(), this.opts.interval);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Any packet from the server proves it alive. */
  seen(): void {
    this.lastSeen = Date.now();
    this.missed = 0;
  }

  /** Handles a keepalive MESSAGE: PING is answered with PONG. */
  handle(proc: number): void {
    if (proc === KeepaliveProc.PING) this.send(PONG);
  }

  private tick(): void {
    if (Date.now() - this.lastSeen < this.opts.interval) return;
    if (this.missed >= this.opts.count) {
      this.stop();
      const secs = ((this.opts.interval * (this.opts.count + 1)) / 1000).toFixed(0);
      this.onDead(`no answer from libvirtd for about ${secs} s (keepalive timeout)`);
      return;
    }
    this.missed++;
    this.send(PING);
  }
}
