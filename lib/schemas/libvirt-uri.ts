// Validation of libvirt connection URIs as operators write them for virsh
// (qemu:///system, qemu+ssh://user@host/system, qemu+tcp://host:16509/system, test:///default).
// Each rule gives the operator a message that says what to write instead.
import { z } from "zod";

import { parseUri } from "@/lib/libvirt/uri";

const DRIVERS = ["qemu", "test", "lxc", "xen", "ch", "bhyve"] as const;
const TRANSPORTS = ["unix", "ssh", "tcp", "tls"] as const;
/** Transports virsh knows that Virtdeck's client does not speak, and what to write instead. */
const OTHER_TRANSPORTS: Record<string, string> = {
  libssh: "+ssh",
  libssh2: "+ssh",
  ext: "+ssh or +unix",
};
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
  /** As written; null when the URI names none (then a host means TLS, as for virsh). */
  transport: (typeof TRANSPORTS)[number] | null;
  user: string | null;
  host: string | null;
  port: number | null;
  path: string;
  params: Record<string, string>;
}

/**
 * Parses a libvirt URI, or returns the operator-facing reason it is not one. The structure is
 * read by lib/libvirt's own parser (what the connection will use); the checks around it are
 * there to say what to write instead.
 */
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
  if (transport && OTHER_TRANSPORTS[transport])
    return {
      error: `Virtdeck does not speak +${transport}; write ${driver}${OTHER_TRANSPORTS[transport]}://… instead`,
    };
  if (transport && !(TRANSPORTS as readonly string[]).includes(transport)) {
    return {
      error: `Unknown transport '+${transport}': expected one of ${TRANSPORTS.map((t) => `+${t}`).join(", ")}`,
    };
  }
  let parsed: ReturnType<typeof parseUri>;
  try {
    parsed = parseUri(uri);
  } catch {
    return { error: "This is not a well-formed URI" };
  }
  const host = parsed.host ?? null;
  if (parsed.transport !== "unix" && !host)
    return {
      error: `${driver}+${transport} needs a host, e.g. ${driver}+${transport}://root@host/system`,
    };
  if (parsed.transport === "unix" && host) {
    return {
      error: `A host in the URI needs a remote transport, e.g. ${driver}+ssh://${parsed.user ? `${parsed.user}@` : ""}${host}/system`,
    };
  }
  const pathError = checkPath(driver, parsed.path);
  if (pathError) return { error: pathError };
  for (const key of Object.keys(parsed.params)) {
    if (!KNOWN_PARAMS.has(key)) return { error: `Unknown URI parameter '${key}'` };
  }
  return {
    driver: driver as ParsedLibvirtUri["driver"],
    transport: transport as ParsedLibvirtUri["transport"],
    user: parsed.user ?? null,
    host: host?.includes(":") ? `[${host}]` : host,
    port: parsed.port ?? null,
    path: parsed.path,
    params: parsed.params,
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
