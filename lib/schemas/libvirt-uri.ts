// Validation of libvirt connection URIs as operators write them for virsh
// (qemu:///system, qemu+ssh://user@host/system, qemu+tcp://host:16509/system, test:///default).
// Each rule gives the operator a message that says what to write instead.
import { z } from "zod";

const DRIVERS = ["qemu", "test", "lxc", "xen", "ch", "bhyve"] as const;
const TRANSPORTS = ["unix", "ssh", "libssh", "libssh2", "tcp", "tls", "ext"] as const;
const REMOTE_TRANSPORTS: ReadonlySet<string> = new Set(["ssh", "libssh", "libssh2", "tcp", "tls"]);
/** Query parameters libvirt's remote driver understands (docs: "Remote URIs"). */
const KNOWN_PARAMS: ReadonlySet<string> = new Set([
  "name",
  "command",
  "socket",
  "netcat",
  "keyfile",
  "no_verify",
  "no_tty",
  "pkipath",
  "known_hosts",
  "known_hosts_verify",
  "sshauth",
  "mode",
  "proxy",
  "tls_priority",
  "tls_ciphers",
  "authfile",
  "root",
]);

export interface ParsedLibvirtUri {
  driver: (typeof DRIVERS)[number];
  transport: (typeof TRANSPORTS)[number] | null;
  user: string | null;
  host: string | null;
  port: number | null;
  path: string;
  params: Record<string, string>;
}

/** Parses a libvirt URI, or returns the operator-facing reason it is not one. */
export function parseLibvirtUri(input: string): ParsedLibvirtUri | { error: string } {
  const uri = input.trim();
  if (uri.length === 0) return { error: "Enter a libvirt URI, e.g. qemu:///system" };
  if (uri.length > 1024) return { error: "The URI is longer than 1024 characters" };
  if (hasSpaceOrControl(uri))
    return { error: "The URI must not contain spaces or control characters" };
  const scheme = /^([a-z0-9]+)(?:\+([a-z0-9]+))?:\/\//i.exec(uri);
  if (!scheme)
    return {
      error:
        "A libvirt URI starts with driver[+transport]://, e.g. qemu:///system or qemu+ssh://root@host/system",
    };
  const driver = scheme[1]!.toLowerCase();
  const transport = scheme[2]?.toLowerCase() ?? null;
  if (!(DRIVERS as readonly string[]).includes(driver)) {
    return { error: `Unknown libvirt driver '${driver}': expected one of ${DRIVERS.join(", ")}` };
  }
  if (transport && !(TRANSPORTS as readonly string[]).includes(transport)) {
    return {
      error: `Unknown transport '+${transport}': expected one of ${TRANSPORTS.map((t) => `+${t}`).join(", ")}`,
    };
  }
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return { error: "This is not a well-formed URI" };
  }
  const host = url.hostname || null;
  const remote = transport !== null && REMOTE_TRANSPORTS.has(transport);
  if (remote && !host)
    return {
      error: `${driver}+${transport} needs a host, e.g. ${driver}+${transport}://root@host/system`,
    };
  if (!remote && host) {
    return {
      error: `A host in the URI needs a remote transport, e.g. ${driver}+ssh://${url.username ? `${url.username}@` : ""}${host}/system`,
    };
  }
  const path = decodeURIComponent(url.pathname);
  const pathError = checkPath(driver, path);
  if (pathError) return { error: pathError };
  const params: Record<string, string> = {};
  for (const [key, value] of url.searchParams) {
    if (!KNOWN_PARAMS.has(key)) return { error: `Unknown URI parameter '${key}'` };
    params[key] = value;
  }
  return {
    driver: driver as ParsedLibvirtUri["driver"],
    transport: transport as ParsedLibvirtUri["transport"],
    user: url.username ? decodeURIComponent(url.username) : null,
    host,
    port: url.port ? Number(url.port) : null,
    path,
    params,
  };
}

function hasSpaceOrControl(value: string): boolean {
  for (const ch of value) {
    const code = ch.codePointAt(0) ?? 0;
    if (code <= 0x20 || code === 0x7f || /\s/.test(ch)) return true;
  }
  return false;
}

function checkPath(driver: string, path: string): string | null {
  if (driver === "qemu" && path !== "/system" && path !== "/session") {
    return "A qemu URI ends in /system (the system daemon) or /session, e.g. qemu:///system";
  }
  if (driver === "test" && path !== "/default" && !/^\/.+\.xml$/.test(path)) {
    return "A test URI is test:///default or test:///absolute/path/to/fixture.xml";
  }
  if (driver !== "qemu" && driver !== "test" && path !== "/system" && path !== "/" && path !== "") {
    return `A ${driver} URI ends in /system or /`;
  }
  return null;
}

/** A zod schema for a libvirt URI field; the parsed form is not needed by callers yet. */
export const libvirtUriSchema = z
  .string()
  .superRefine((value, ctx) => {
    const parsed = parseLibvirtUri(value);
    if ("error" in parsed) ctx.addIssue({ code: "custom", message: parsed.error });
  })
  .transform((value) => value.trim());
