/**
 * A minimal OpenSSH known_hosts reader for host-key verification: plain and
 * hashed (|1|salt|hash) host entries, `[host]:port` for non-22 ports.
 * Markers (@cert-authority, @revoked) are not supported: such lines never match.
 */
import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";

/** One known host key: its type and raw key blob. */
export interface KnownKey {
  type: string;
  key: Buffer;
}

/** The name OpenSSH records for a host and port. */
export function hostPattern(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

function matchesHost(field: string, name: string): boolean {
  for (const entry of field.split(",")) {
    if (entry.startsWith("|1|")) {
      const [, , salt = "", hash = ""] = entry.split("|");
      const mac = createHmac("sha1", Buffer.from(salt, "base64")).update(name).digest("base64");
      if (mac === hash) return true;
    } else if (entry === name) {
      return true;
    }
  }
  return false;
}

/** Keys recorded for `host:port` in known_hosts text. */
export function findKnownKeys(text: string, host: string, port: number): KnownKey[] {
  const name = hostPattern(host, port);
  const out: KnownKey[] = [];
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#") || line.startsWith("@")) continue;
    const [hosts = "", type = "", b64 = ""] = line.split(/\s+/);
    if (b64 && matchesHost(hosts, name)) out.push({ type, key: Buffer.from(b64, "base64") });
  }
  return out;
}

/** Reads known_hosts; a missing file holds no keys (so verification fails closed). */
export function loadKnownKeys(file: string, host: string, port: number): KnownKey[] {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return [];
  }
  return findKnownKeys(text, host, port);
}
