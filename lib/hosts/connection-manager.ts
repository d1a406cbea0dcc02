// Keeps one HostLink per stored host, started with the server and closed with it.
// Next's bundle and server.ts load separate copies of this module in one process, so the
// manager lives on globalThis: server actions and WebSocket routes see the same connections.

import { AppError } from "@/lib/errors";
import type { Connection } from "@/lib/libvirt";
import { HostLink, type HostLinkHooks, type HostStatus, type HostTarget } from "./host-link";

const KEY = Symbol.for("virtdeck.connection-manager");

export class ConnectionManager {
  private readonly links = new Map<string, HostLink>();

  constructor(private readonly hooks: HostLinkHooks) {}

  add(target: HostTarget): void {
    if (this.links.has(target.id)) return;
    const link = new HostLink(target, this.hooks);
    this.links.set(target.id, link);
    link.start();
  }

  async remove(hostId: string): Promise<void> {
    const link = this.links.get(hostId);
    this.links.delete(hostId);
    await link?.stop();
  }

  status(hostId: string): { status: HostStatus; lastError: string | null } | null {
    const link = this.links.get(hostId);
    return link ? { status: link.status, lastError: link.lastError } : null;
  }

  /** The host's live connection; refuses at once (never waits) when the host is not online. */
  connection(hostId: string, hostName = "the host"): Connection {
    const link = this.links.get(hostId);
    const conn = link?.connection;
    if (!conn) {
      const why = link?.lastError ? `: ${link.lastError}` : "";
      throw new AppError("upstream", `${hostName} is ${link?.status ?? "not connected"}${why}`);
    }
    return conn;
  }

  /** The hosts online at this moment, with their connections (the metrics collector's round). */
  online(): { hostId: string; conn: Connection }[] {
    return [...this.links].flatMap(([hostId, link]) =>
      link.connection ? [{ hostId, conn: link.connection }] : [],
    );
  }

  async stopAll(): Promise<void> {
    const links = [...this.links.values()];
    this.links.clear();
    await Promise.all(links.map((l) => l.stop()));
  }
}

const store = globalThis as unknown as Record<symbol, ConnectionManager | undefined>;

export function installConnectionManager(manager: ConnectionManager): void {
  store[KEY] = manager;
}

/** The process's connection manager (installed by server.ts at start). */
export function connectionManager(): ConnectionManager {
  const manager = store[KEY];
  if (!manager)
    throw new AppError(
      "upstream",
      "Host connections are not running (start Virtdeck with npm start)",
    );
  return manager;
}
