// The first checks of every request, before Next or a WebSocket route sees it: the Host header
// must be a name Virtdeck answers to (a DNS-rebinding page that points its own name at a
// loopback-bound server is refused), and who the client is (its address, and whether it came
// over HTTPS) is decided here once, from the socket or a trusted proxy, and handed on in
// headers no client can set.
import type { IncomingMessage, ServerResponse } from "node:http";
import { isIP } from "node:net";
import type { TLSSocket } from "node:tls";
import { env } from "@/lib/env";

/** Set by the server on every request (a client's own values are overwritten). */
const CLIENT_ADDRESS_HEADER = "x-virtdeck-client-address";
export const CLIENT_PROTO_HEADER = "x-virtdeck-client-proto";

function list(value: string | undefined): string[] {
  return (value ?? "")
    .split(",")
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
}

const publicUrl = env.VIRTDECK_PUBLIC_URL ? new URL(env.VIRTDECK_PUBLIC_URL) : null;
const allowedNames = new Set([
  "localhost",
  ...(publicUrl ? [publicUrl.hostname.toLowerCase()] : []),
  ...list(env.VIRTDECK_ALLOWED_HOSTS),
]);
const trustedProxies = new Set(list(env.VIRTDECK_TRUSTED_PROXIES).map(plainAddress));

/** "::ffff:127.0.0.1" → "127.0.0.1": one spelling per address. */
function plainAddress(address: string): string {
  return address.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i, "$1").toLowerCase();
}

/** The host name of a Host header ("[::1]:3000" → "::1"), or null when it is malformed. */
export function hostName(header: string | undefined): string | null {
  if (!header) return null;
  const m = /^(\[[0-9a-f:.]+\]|[^:[\]]+)(?::\d{1,5})?$/i.exec(header.trim());
  return m ? m[1]!.replace(/^\[|\]$/g, "").toLowerCase() : null;
}

/**
 * IP literals need no check (rebinding needs a name the attacker controls); names must be
 * localhost, the public URL's or listed in VIRTDECK_ALLOWED_HOSTS.
 */
export function isAllowedHost(header: string | undefined): boolean {
  const name = hostName(header);
  if (!name) return false;
  return isIP(name) !== 0 || allowedNames.has(name.replace(/\.$/, ""));
}

export function hostRefusal(header: string | undefined): string {
  return `Virtdeck does not answer to the host name '${hostName(header) ?? header ?? ""}': set VIRTDECK_PUBLIC_URL (or VIRTDECK_ALLOWED_HOSTS) to the address users open`;
}

/** The client: the socket's peer, or the address a trusted proxy forwarded for. */
function clientOf(request: IncomingMessage): { address: string; proto: "http" | "https" } {
  const peer = plainAddress(request.socket.remoteAddress ?? "");
  const tls = Boolean((request.socket as TLSSocket).encrypted);
  if (!trustedProxies.has(peer)) return { address: peer, proto: tls ? "https" : "http" };
  // The right-most address a trusted proxy did not add is the client.
  const chain = String(request.headers["x-forwarded-for"] ?? "")
    .split(",")
    .map((s) => plainAddress(s.trim()))
    .filter((s) => isIP(s) !== 0);
  let address = peer;
  while (chain.length > 0) {
    address = chain.pop()!;
    if (!trustedProxies.has(address)) break;
  }
  const forwarded = String(request.headers["x-forwarded-proto"] ?? "")
    .split(",")[0]
    ?.trim();
  return { address, proto: forwarded === "https" || tls ? "https" : "http" };
}

/** Stamps who the client is onto the request, replacing anything the client sent. */
export function stampClient(request: IncomingMessage): void {
  const { address, proto } = clientOf(request);
  request.headers[CLIENT_ADDRESS_HEADER] = address;
  request.headers[CLIENT_PROTO_HEADER] = proto;
}

/** The origin this request was made to, as a browser on our own page would send it. */
function ownOrigin(proto: string | null | undefined, host: string | undefined): string {
  return `${proto === "https" ? "https" : "http"}://${(host ?? "").toLowerCase()}`;
}

/**
 * A browser's Origin must be this server's: the public URL's scheme, host and port, or the
 * scheme and Host the request itself came with (someone on the machine using 127.0.0.1).
 */
export function isOwnOrigin(
  origin: string,
  proto: string | null | undefined,
  host: string | undefined,
): boolean {
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  return parsed.origin === publicUrl?.origin || parsed.origin === ownOrigin(proto, host);
}

/**
 * The address users reach this server at: the public URL's origin, else the scheme and Host of
 * the request (already checked against the allowed names by the time a handler runs).
 */
export function publicOrigin(headers: Headers): string {
  return publicUrl?.origin ?? ownOrigin(clientOfHeaders(headers).proto, headers.get("host") ?? "");
}

/** Headers every answer carries; HSTS only over HTTPS (browsers ignore it over HTTP anyway). */
export function setSecurityHeaders(request: IncomingMessage, response: ServerResponse): void {
  if (request.headers[CLIENT_PROTO_HEADER] === "https")
    response.setHeader("Strict-Transport-Security", "max-age=31536000");
}

/** Who sent a request, as stamped by the server (null outside it, e.g. in tests of the wrapper). */
export function clientOfHeaders(headers: Headers): {
  address: string | null;
  proto: "http" | "https";
  userAgent: string | null;
  /** The public URL's origin, else the scheme and Host this request came with. */
  origin: string | null;
} {
  const proto = headers.get(CLIENT_PROTO_HEADER) === "https" ? "https" : "http";
  const host = headers.get("host");
  return {
    address: headers.get(CLIENT_ADDRESS_HEADER),
    proto,
    userAgent: headers.get("user-agent")?.slice(0, 300) ?? null,
    origin: publicUrl?.origin ?? (host ? ownOrigin(proto, host) : null),
  };
}
