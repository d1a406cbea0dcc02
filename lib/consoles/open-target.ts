// Opens the far end of a console: the VM's VNC server (TCP or UNIX socket on the VM's host, over
// the host's own SSH session when it is reached over SSH) or its serial console stream.
import { lookup } from "node:dns/promises";
import { connect as netConnect } from "node:net";
import { networkInterfaces } from "node:os";
import type { Duplex } from "node:stream";
import { AppError } from "@/lib/errors";
import { type Connection, type DomainRef, DomainXmlFlags } from "@/lib/libvirt";
import type { ConsoleType } from "@/lib/schemas/console";
import { vncDialTarget } from "./dial-policy";
import { vncEndpoint } from "./vnc-target";

const DIAL_TIMEOUT_MS = 10_000;

function dialLocal(
  endpoint: { kind: "tcp"; host: string; port: number } | { kind: "unix"; path: string },
): Promise<Duplex> {
  return new Promise((resolve, reject) => {
    const socket =
      endpoint.kind === "unix"
        ? netConnect({ path: endpoint.path })
        : netConnect({ host: endpoint.host, port: endpoint.port });
    socket.setNoDelay?.(true);
    const timer = setTimeout(() => socket.destroy(new Error("timed out")), DIAL_TIMEOUT_MS);
    socket.once("connect", () => {
      clearTimeout(timer);
      socket.off("error", reject);
      resolve(socket);
    });
    socket.once("error", (e) => {
      clearTimeout(timer);
      reject(new AppError("upstream", `Cannot reach the VM's VNC server: ${e.message}`));
    });
  });
}

function localAddresses(): string[] {
  return Object.values(networkInterfaces()).flatMap((list) => (list ?? []).map((i) => i.address));
}

async function addressesOf(name: string | undefined): Promise<string[]> {
  if (!name) return [];
  return (await lookup(name, { all: true }).catch(() => [])).map((a) => a.address);
}

/** Dials the VNC server the domain XML describes, the way the VM's host is reached. */
async function openVnc(conn: Connection, dom: DomainRef): Promise<Duplex> {
  const endpoint = vncEndpoint(await conn.domains.xml(dom, DomainXmlFlags.SECURE));
  if ("problem" in endpoint) throw new AppError("conflict", endpoint.problem);
  const { transport, host } = conn.uri;
  const target = vncDialTarget(endpoint, {
    transport,
    uriHost: host,
    hostAddresses: transport === "tcp" || transport === "tls" ? await addressesOf(host) : [],
    localAddresses: transport === "unix" ? localAddresses() : [],
  });
  if ("problem" in target) throw new AppError("conflict", target.problem);
  if (transport === "ssh")
    return conn.openTunnel(
      target.kind === "unix" ? { path: target.path } : { host: target.host, port: target.port },
      DIAL_TIMEOUT_MS,
    );
  return dialLocal(target);
}

/** libvirt's "operation failed: Active console session exists for this domain". */
export function isConsoleBusy(error: unknown): boolean {
  const e = error as { name?: unknown; message?: unknown } | null;
  return e?.name === "LibvirtError" && /active console session/i.test(String(e.message));
}

export async function openConsoleTarget(
  conn: Connection,
  dom: DomainRef,
  type: ConsoleType,
  force: boolean,
): Promise<Duplex> {
  return type === "serial" ? conn.streams.console(dom, { force }) : openVnc(conn, dom);
}

/** The VNC password of a VM, for the operator who asked for its console (never logged). */
export async function vncPassword(conn: Connection, dom: DomainRef): Promise<string | null> {
  const endpoint = vncEndpoint(await conn.domains.xml(dom, DomainXmlFlags.SECURE));
  return "problem" in endpoint ? null : endpoint.password;
}
