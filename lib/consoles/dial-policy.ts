// Where Virtdeck may dial a VM's VNC server. The address comes from the host's domain XML, and
// a host (or a fake libvirtd added as one) could name any address or socket there to make
// Virtdeck connect to it. So: on the local host only its own addresses and libvirt's socket
// directories; on a host reached over TCP/TLS only that host's address; over SSH only the
// far side's loopback or its own address (the tunnel opens there). Every way of writing
// loopback (127.0.0.0/8 in any IPv4 form, ::1, 0:0:0:0:0:0:0:1, ::ffff:127.0.0.1, localhost)
// is recognised by letting the URL parser write the address out the one way it knows.
import type { Transport } from "@/lib/libvirt";
import type { VncEndpoint } from "./vnc-target";

/** Where QEMU's VNC sockets live (libvirt's per-domain directories). */
const LIBVIRT_SOCKET_DIRS = ["/var/lib/libvirt/", "/run/libvirt/", "/var/run/libvirt/"];

/** The address written one way ("0x7f.1" → "127.0.0.1", "[0:0:0:0:0:0:0:1]" → "::1"), or null. */
export function canonicalAddress(address: string): string | null {
  const bare = address.trim().replace(/^\[(.*)\]$/, "$1");
  if (!bare) return null;
  try {
    const host = new URL(`http://${bare.includes(":") ? `[${bare}]` : bare}/`).hostname;
    return host.replace(/^\[(.*)\]$/, "$1").toLowerCase();
  } catch {
    return null;
  }
}

function isIpv4(a: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(a);
}

/** Loopback, or a wildcard (dialling 0.0.0.0 or :: reaches this machine too). */
export function isLoopback(address: string): boolean {
  const a = canonicalAddress(address);
  if (!a) return false;
  if (a === "localhost" || a === "::1" || a === "::" || a === "0.0.0.0") return true;
  if (isIpv4(a)) return a.startsWith("127.");
  // IPv4-mapped IPv6, as the URL parser writes it: ::ffff:7f00:1 is 127.0.0.1.
  const mapped = /^::ffff:([0-9a-f]{1,4}):[0-9a-f]{1,4}$/.exec(a);
  return mapped ? Number.parseInt(mapped[1]!, 16) >> 8 === 127 : false;
}

export interface DialContext {
  transport: Transport;
  /** The host as its URI names it (none for the local socket). */
  uriHost: string | undefined;
  /** The addresses the URI's host name resolves to (for TCP/TLS). */
  hostAddresses: readonly string[];
  /** This machine's own interface addresses (for the local host). */
  localAddresses: readonly string[];
}

export type DialTarget =
  | { kind: "tcp"; host: string; port: number }
  | { kind: "unix"; path: string }
  | { problem: string };

const WILDCARDS = new Set(["0.0.0.0", "::"]);

/** Decides where to dial for a VNC endpoint read from the domain XML, or says why not. */
export function vncDialTarget(endpoint: VncEndpoint, ctx: DialContext): DialTarget {
  const refused = (what: string): DialTarget => ({
    problem: `This VM's VNC display is at ${what}, which is not an address of its host: Virtdeck does not dial it`,
  });
  if (endpoint.kind === "unix") {
    if (ctx.transport === "tcp" || ctx.transport === "tls")
      return {
        problem:
          "This VM's VNC display is a UNIX socket on its host; add the host over SSH to reach it",
      };
    const path = endpoint.path;
    const inLibvirt =
      !path.split("/").includes("..") && LIBVIRT_SOCKET_DIRS.some((d) => path.startsWith(d));
    return inLibvirt ? { kind: "unix", path } : refused(`the socket ${path}`);
  }
  const address = canonicalAddress(endpoint.host);
  if (!address) return refused(endpoint.host);
  const { port } = endpoint;
  switch (ctx.transport) {
    case "unix": {
      const own = ctx.localAddresses.map(canonicalAddress);
      return isLoopback(address) || own.includes(address)
        ? { kind: "tcp", host: WILDCARDS.has(address) ? "127.0.0.1" : address, port }
        : refused(endpoint.host);
    }
    case "ssh": {
      const hostName = canonicalAddress(ctx.uriHost ?? "");
      return isLoopback(address) || address === hostName
        ? { kind: "tcp", host: WILDCARDS.has(address) ? "127.0.0.1" : address, port }
        : refused(endpoint.host);
    }
    default: {
      // TCP/TLS: the display must be reachable at the host's own address.
      if (WILDCARDS.has(address) && ctx.uriHost) return { kind: "tcp", host: ctx.uriHost, port };
      if (isLoopback(address))
        return {
          problem:
            "This VM's VNC display listens only on its host's loopback; add the host over SSH to reach it",
        };
      const hostName = canonicalAddress(ctx.uriHost ?? "");
      const ofHost =
        address === hostName || ctx.hostAddresses.map(canonicalAddress).includes(address);
      return ofHost ? { kind: "tcp", host: address, port } : refused(endpoint.host);
    }
  }
}
