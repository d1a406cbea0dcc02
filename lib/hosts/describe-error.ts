// Turns a failure to reach a host into the words an operator expects to read, e.g.
// "connection refused at 10.0.0.5:22" or "permission denied (publickey)".
import type { LibvirtUri } from "@/lib/libvirt";

interface NodeLikeError {
  name?: string;
  code?: string;
  message?: string;
  address?: string;
  port?: number;
  level?: string;
  hostKey?: { type: string; fingerprint: string };
}

function where(uri: LibvirtUri): string {
  if (uri.transport === "unix") return uri.params.socket ?? "/run/libvirt/libvirt-sock";
  const port = uri.port ?? ({ ssh: 22, tcp: 16509, tls: 16514 } as const)[uri.transport];
  return `${uri.host}:${port}`;
}

export function describeHostError(error: unknown, uri: LibvirtUri): string {
  // lib/libvirt wraps transport errors; the system error code sits in the cause.
  const outer = (error ?? {}) as NodeLikeError & { cause?: unknown };
  const e = (outer.code ? outer : (outer.cause ?? outer)) as NodeLikeError;
  const target = where(uri);
  switch (e.code) {
    case "ECONNREFUSED":
      return `connection refused at ${target}`;
    case "ENOENT":
      return `no libvirt socket at ${target} (is libvirtd running?)`;
    case "EACCES":
      return `permission denied opening ${target}`;
    case "EHOSTUNREACH":
    case "ENETUNREACH":
      return `host unreachable: ${target}`;
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return `cannot resolve host name '${uri.host}'`;
    case "ECONNRESET":
    case "EPIPE":
      return `connection reset by ${target}`;
  }
  const message = outer.message ?? String(error);
  if (e.level === "host-key" && e.hostKey) {
    const offered = `${e.hostKey.type} ${e.hostKey.fingerprint}`;
    return /accepted host keys/.test(`${e.message} ${message}`)
      ? `host key mismatch at ${target}: it offered ${offered}, not the accepted key (if the host was reinstalled, edit it and test the connection to accept the new key)`
      : `${target} offered an SSH host key not accepted yet (${offered}): test the connection to check and accept it`;
  }
  if (/Cannot parse privateKey/i.test(message)) return "the SSH private key cannot be read";
  if (
    e.level === "client-authentication" ||
    /All configured authentication methods failed/i.test(message)
  ) {
    return "permission denied (publickey)";
  }
  return message;
}
