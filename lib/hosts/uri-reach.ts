// What in a host's connection settings would make the Virtdeck server use its own files,
// sockets, commands or credentials on the caller's behalf: reading a key or certificate file
// it names, dialling a socket it names, running a command, skipping host-key checks, opening a
// test-driver file, or signing in with the service account's own SSH keys. Such settings are
// the server's administrator's to give: they need Sys.Modify on /.
import { parseUri } from "@/lib/libvirt";

/** URI parameters that name a local file, socket or command, or turn off a check. */
const SERVER_PARAMS: Readonly<Record<string, string>> = {
  keyfile: "reads an SSH key file on the Virtdeck server",
  known_hosts: "reads a known_hosts file on the Virtdeck server",
  known_hosts_verify: "changes how the SSH host key is checked",
  no_verify: "turns off host-key or certificate checks",
  pkipath: "reads TLS certificates from a directory on the Virtdeck server",
  socket: "dials a socket path of its choosing",
  netcat: "runs a command of its choosing on the host",
  command: "runs a command of its choosing",
  authfile: "reads a credentials file on the Virtdeck server",
};

/** The reasons these settings reach past the host into the server (empty: they do not). */
export function serverReach(uri: string, hasPrivateKey: boolean): string[] {
  let parsed: ReturnType<typeof parseUri>;
  try {
    parsed = parseUri(uri);
  } catch {
    return []; // input validation reports a malformed URI in its own words
  }
  const reasons = Object.keys(parsed.params)
    .filter((p) => p in SERVER_PARAMS)
    .map((p) => `?${p}= ${SERVER_PARAMS[p]}`);
  if (parsed.driver === "test" && parsed.path !== "/default")
    reasons.push(`test:// with a file path opens ${parsed.path} on the Virtdeck server`);
  if (parsed.transport === "ssh" && !hasPrivateKey)
    reasons.push("SSH without a private key of its own signs in with the Virtdeck server's keys");
  return reasons;
}
