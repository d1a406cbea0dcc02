/**
 * A connection to one libvirt daemon: dial, handshake, and the typed API
 * grouped per object kind (host, domains, networks, storage, snapshots,
 * events, streams).
 */
import { EventEmitter } from "node:events";
import type { Duplex } from "node:stream";
import { type ClientOptions, RpcClient } from "./client";
import { DomainExtrasApi } from "./domain-extras";
import { DomainApi } from "./domains";
import { ConnectionError } from "./errors";
import { EventHub } from "./events";
import { HostApi } from "./host";
import { NetworkApi } from "./networks";
import { type OpenResult, openConnection } from "./open";
import { CONNECT_CLOSE } from "./protocol/procedures/connect";
import { SnapshotApi } from "./snapshots";
import { StorageApi } from "./storage";
import { StreamApi } from "./streams";
import type { SshOptions, TlsPaths } from "./transports/dialer";
import { dial } from "./transports/index";
import { openSshTunnel, type TunnelTarget } from "./transports/ssh-tunnel";
import { type LibvirtUri, parseUri } from "./uri";

/** Options for {@link connect}. */
export interface ConnectOptions extends ClientOptions {
  /** Milliseconds to dial and complete the handshake (default 10 000). */
  timeout?: number;
  /** Open read-only (the `-ro` socket; CONNECT_OPEN flag 1). */
  readOnly?: boolean;
  tls?: TlsPaths;
  ssh?: SshOptions;
}

/** An open connection. Emits "close" (error) once when it ends for any reason. */
export class Connection extends EventEmitter {
  readonly host: HostApi;
  readonly domains: DomainApi;
  readonly domainExtras: DomainExtrasApi;
  readonly networks: NetworkApi;
  readonly storage: StorageApi;
  readonly snapshots: SnapshotApi;
  readonly events: EventHub;
  readonly streams: StreamApi;

  constructor(
    readonly uri: LibvirtUri,
    readonly rpc: RpcClient,
    readonly features: OpenResult,
  ) {
    super();
    this.host = new HostApi(rpc);
    this.domains = new DomainApi(rpc);
    this.domainExtras = new DomainExtrasApi(rpc);
    this.networks = new NetworkApi(rpc);
    this.storage = new StorageApi(rpc);
    this.snapshots = new SnapshotApi(rpc);
    this.events = new EventHub(rpc);
    this.streams = new StreamApi(rpc);
    rpc.once("close", (err: Error) => this.emit("close", err));
  }

  /** True once the connection has ended. */
  get closed(): boolean {
    return this.rpc.closed;
  }

  /**
   * Opens a byte channel to a TCP port or UNIX socket on the far host over this connection's
   * SSH session (e.g. a guest's VNC server listening on the host's 127.0.0.1): no extra process,
   * no open port. Only for qemu+ssh:// connections; others reject with
   * ConnectionError("unsupported"). The channel closes when the connection does.
   */
  openTunnel(target: TunnelTarget, timeoutMs?: number): Promise<Duplex> {
    return openSshTunnel(this.rpc.transport, target, timeoutMs);
  }

  /** Sends CONNECT_CLOSE (briefly) and closes the transport. Safe to call twice. */
  async close(): Promise<void> {
    if (this.rpc.closed) return;
    try {
      await this.rpc.call(CONNECT_CLOSE, undefined, { timeout: 2_000 });
    } catch {
      // Closing anyway: the daemon may already be gone.
    }
    this.rpc.destroy();
  }
}

/** Connects to the daemon named by a libvirt URI and opens the driver. */
export async function connect(
  uri: string | LibvirtUri,
  opts: ConnectOptions = {},
): Promise<Connection> {
  const parsed = typeof uri === "string" ? parseUri(uri) : uri;
  const timeout = opts.timeout ?? 10_000;
  const sock = await dial(parsed, {
    timeout,
    readOnly: opts.readOnly,
    tls: opts.tls,
    ssh: opts.ssh,
  });
  const rpc = new RpcClient(sock, opts);
  try {
    const features = await openConnection(rpc, parsed, { timeout, readOnly: opts.readOnly });
    return new Connection(parsed, rpc, features);
  } catch (e) {
    rpc.destroy();
    if (e instanceof ConnectionError && e.kind === "timeout") {
      throw new ConnectionError(
        "timeout",
        `${parsed.raw}: no answer to the handshake within ${timeout} ms`,
        {
          cause: e,
        },
      );
    }
    throw e;
  }
}
