/**
 * libvirt connection URIs, parsed the way virsh reads them:
 * `driver[+transport]://[user@][host][:port]/path[?params]`.
 */

/** How the bytes travel to the daemon. */
export type Transport = "unix" | "tcp" | "tls" | "ssh";

/** A parsed libvirt URI. */
export interface LibvirtUri {
  /** The URI as given. */
  raw: string;
  /** The hypervisor driver, e.g. "qemu" or "test". */
  driver: string;
  transport: Transport;
  user?: string;
  host?: string;
  port?: number;
  /** Decoded path, e.g. "/system" or "/abs/fixture.xml". */
  path: string;
  /** Decoded query parameters (the last one wins, as in libvirt). */
  params: Record<string, string>;
  /** The name sent in CONNECT_OPEN: no transport, user, host, port or client-only params. */
  name: string;
}

/** Query parameters the client consumes; they are not forwarded to the daemon. */
const CLIENT_PARAMS = new Set([
  "name",
  "command",
  "socket",
  "auth",
  "netcat",
  "keyfile",
  "no_verify",
  "no_tty",
  "pkipath",
  "known_hosts",
  "known_hosts_verify",
  "sshauth",
  "tls_priority",
  "mode",
  "proxy",
]);

const TRANSPORTS: Record<string, Transport> = { unix: "unix", tcp: "tcp", tls: "tls", ssh: "ssh" };
const URI_RE =
  /^([A-Za-z][A-Za-z0-9.-]*)(?:\+([A-Za-z0-9]+))?:(?:\/\/([^/?#]*))?([^?#]*)(?:\?([^#]*))?(?:#.*)?$/;

/** Parses a libvirt URI; throws a TypeError with the reason on anything malformed. */
export function parseUri(raw: string): LibvirtUri {
  const m = URI_RE.exec(raw.trim());
  if (!m) throw new TypeError(`invalid libvirt URI "${raw}"`);
  const [, driver = "", transportName, authority = "", rawPath = "", rawQuery = ""] = m;
  const { user, host, port } = parseAuthority(authority, raw);
  let transport: Transport;
  if (transportName) {
    const t = TRANSPORTS[transportName.toLowerCase()];
    if (!t) throw new TypeError(`unsupported transport "${transportName}" in "${raw}"`);
    transport = t;
  } else {
    // As libvirt: a host with no explicit transport means TLS; no host means the local socket.
    transport = host ? "tls" : "unix";
  }
  const queryPairs = parseQuery(rawQuery);
  const params: Record<string, string> = {};
  for (const [k, v] of queryPairs) params[k] = v;
  const path = decodeURIComponent(rawPath);
  const kept = rawQuery
    .split(/[&;]/)
    .filter((p) => p !== "" && !CLIENT_PARAMS.has(decodeURIComponent(p.split("=")[0] ?? "")));
  const name =
    params.name ?? `${driver.toLowerCase()}://${rawPath}${kept.length ? `?${kept.join("&")}` : ""}`;
  return { raw, driver: driver.toLowerCase(), transport, user, host, port, path, params, name };
}

function parseAuthority(a: string, raw: string) {
  if (a === "") return { user: undefined, host: undefined, port: undefined };
  const at = a.lastIndexOf("@");
  const user = at >= 0 ? decodeURIComponent(a.slice(0, at)) : undefined;
  const hp = at >= 0 ? a.slice(at + 1) : a;
  const hm = /^(\[[^\]]+\]|[^:]*)(?::(\d*))?$/.exec(hp);
  if (!hm) throw new TypeError(`invalid host in "${raw}"`);
  const host = hm[1] ? hm[1].replace(/^\[|\]$/g, "") : undefined;
  let port: number | undefined;
  if (hm[2]) {
    port = Number(hm[2]);
    if (port < 1 || port > 65535) throw new TypeError(`invalid port in "${raw}"`);
  }
  return { user: user || undefined, host, port };
}

function parseQuery(q: string): [string, string][] {
  return q
    .split(/[&;]/)
    .filter((p) => p !== "")
    .map((p) => {
      const eq = p.indexOf("=");
      const k = eq >= 0 ? p.slice(0, eq) : p;
      const v = eq >= 0 ? p.slice(eq + 1) : "";
      return [decodeQ(k), decodeQ(v)];
    });
}

function decodeQ(s: string): string {
  return decodeURIComponent(s.replace(/\+/g, " "));
}

/** Default daemon socket (libvirtd's; `-ro` for read-only connections). */
export const DEFAULT_SOCKET = "/var/run/libvirt/libvirt-sock";

/** The UNIX socket path for a URI: `?socket=` or libvirtd's default. */
export function socketPath(uri: LibvirtUri, readOnly = false): string {
  return uri.params.socket ?? (readOnly ? `${DEFAULT_SOCKET}-ro` : DEFAULT_SOCKET);
}

/** Default TCP ports: 16509 plain, 16514 TLS, 22 SSH. */
export function defaultPort(t: Transport): number {
  return t === "tls" ? 16514 : t === "ssh" ? 22 : 16509;
}

/** True when a boolean-ish query parameter is set to 1 (libvirt's convention). */
export function flagParam(uri: LibvirtUri, key: string): boolean {
  return uri.params[key] === "1";
}
