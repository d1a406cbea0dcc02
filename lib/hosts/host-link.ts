// One live libvirt connection to one host: connects, reconnects with capped exponential
// backoff, and reports its status. What to do once connected belongs to its owner (onOnline).
import {
  type Connection,
  type ConnectOptions,
  connect,
  type LibvirtUri,
  parseUri,
} from "@/lib/libvirt";
import { describeHostError } from "./describe-error";

export type HostStatus = "online" | "connecting" | "offline";

export interface HostLinkHooks {
  /** Called on every (re)connection, before the status turns online: sync, subscribe to events. */
  onOnline(hostId: string, conn: Connection): Promise<void>;
  onStatus(hostId: string, status: HostStatus, error: string | null): void;
}

export interface HostTarget {
  id: string;
  uri: string;
  connectOptions: () => Promise<ConnectOptions>;
}

const BACKOFF_MIN_MS = 1_000;
const BACKOFF_MAX_MS = 30_000;
/** Every dial and handshake is bounded: a dead host never holds anything up for longer. */
export const CONNECT_TIMEOUT_MS = 8_000;
/** Every call on a host's connection gives up after this long, so no page or action hangs on it. */
export const CALL_TIMEOUT_MS = 15_000;

export class HostLink {
  status: HostStatus = "connecting";
  lastError: string | null = null;
  private conn: Connection | null = null;
  private stopped = false;
  private attempt = 0;
  private timer: NodeJS.Timeout | null = null;
  private readonly uri: LibvirtUri;

  constructor(
    private readonly target: HostTarget,
    private readonly hooks: HostLinkHooks,
  ) {
    this.uri = parseUri(target.uri);
  }

  start(): void {
    // Recorded at once: the stored status is from the last run and no longer true.
    this.hooks.onStatus(this.target.id, "connecting", null);
    void this.connectOnce();
  }

  /** The open connection, or null while the host is not online. */
  get connection(): Connection | null {
    return this.status === "online" ? this.conn : null;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    const conn = this.conn;
    this.conn = null;
    await conn?.close();
  }

  private setStatus(status: HostStatus, error: string | null): void {
    if (this.stopped || (status === this.status && error === this.lastError)) return;
    this.status = status;
    this.lastError = error;
    this.hooks.onStatus(this.target.id, status, error);
  }

  private async connectOnce(): Promise<void> {
    if (this.stopped) return;
    // Retries of an offline host stay "offline": flipping to "connecting" every backoff step
    // would fill the status history with noise and make the badge blink.
    if (this.status !== "offline") this.setStatus("connecting", null);
    let conn: Connection | null = null;
    try {
      conn = await connect(this.uri, {
        ...(await this.target.connectOptions()),
        timeout: CONNECT_TIMEOUT_MS,
      });
      if (this.stopped) return void (await conn.close());
      this.conn = conn;
      conn.once("close", (err?: Error) => this.onClosed(conn!, err));
      await this.hooks.onOnline(this.target.id, conn);
      this.attempt = 0;
      this.setStatus("online", null);
    } catch (error) {
      // Forgotten before closing, so the close handler does not report a second, vaguer error.
      this.conn = null;
      if (conn && !conn.closed) await conn.close();
      this.setStatus("offline", describeHostError(error, this.uri));
      this.scheduleReconnect();
    }
  }

  private onClosed(conn: Connection, err?: Error): void {
    if (this.conn !== conn || this.stopped) return;
    this.conn = null;
    this.setStatus("offline", err ? describeHostError(err, this.uri) : "connection closed");
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.stopped || this.timer) return;
    const delay = Math.min(BACKOFF_MAX_MS, BACKOFF_MIN_MS * 2 ** this.attempt);
    this.attempt += 1;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.connectOnce();
    }, delay);
    this.timer.unref();
  }
}
