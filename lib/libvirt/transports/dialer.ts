/**
 * The dialer interface every transport implements, and the helper that
 * picks one from a parsed URI.
 */
import type { Duplex } from "node:stream";
import { ConnectionError } from "../errors";
import type { LibvirtUri } from "../uri";

/** Paths of the TLS credentials (libvirt's defaults unless overridden or `?pkipath=`). */
export interface TlsPaths {
  caFile?: string;
  certFile?: string;
  keyFile?: string;
}

/** SSH options; the URI's `keyfile`, `known_hosts` and `no_verify` take precedence. */
export interface SshOptions {
  /** Private key path (default: ~/.ssh/id_ed25519, then id_ecdsa, then id_rsa). */
  keyFile?: string;
  /** known_hosts file used to verify the host key (default ~/.ssh/known_hosts). */
  knownHostsFile?: string;
  /** User when the URI names none (default: the local user). */
  username?: string;
  /** The private key itself (OpenSSH or PEM text), instead of a file; the URI's keyfile wins. */
  privateKey?: string | Buffer;
  /**
   * Accepted host keys held in memory, in OpenSSH "type base64" form (as in known_hosts without
   * the host field). When given, they replace the known_hosts file; an empty list accepts none.
   */
  hostKeys?: string[];
  /**
   * Called with the key the server offers, before it is checked. Returning true accepts it
   * (trust on first use: a caller that shows the fingerprint to an operator); anything else
   * leaves the decision to `hostKeys` / known_hosts.
   */
  onHostKey?: (key: HostKeyInfo) => boolean | undefined;
}

/** A host key as an SSH server offered it. */
export interface HostKeyInfo {
  /** e.g. "ssh-ed25519". */
  type: string;
  /** The key blob in base64: `${type} ${base64}` is its OpenSSH form. */
  base64: string;
  /** As `ssh-keygen -l` prints it: "SHA256:" and unpadded base64 of the blob's SHA-256. */
  fingerprint: string;
}

/** Options for opening the byte pipe to the daemon. */
export interface DialOptions {
  /** Milliseconds to establish the transport (and, for SSH/TLS, finish the handshake). */
  timeout: number;
  readOnly?: boolean;
  tls?: TlsPaths;
  ssh?: SshOptions;
}

/** Opens a byte pipe to the daemon named by the URI. */
export type Dialer = (uri: LibvirtUri, opts: DialOptions) => Promise<Duplex>;

/**
 * Races `setup` against a timeout; on timeout `cleanup` runs and a
 * ConnectionError("timeout") is thrown naming what was being reached.
 */
export function withDialTimeout<T>(
  what: string,
  ms: number,
  setup: (resolve: (v: T) => void, reject: (e: Error) => void) => void,
  cleanup: () => void,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(new ConnectionError("timeout", `could not reach ${what} within ${ms} ms`));
    }, ms);
    setup(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e) => {
        clearTimeout(timer);
        cleanup();
        reject(
          new ConnectionError("dial", `cannot connect to ${what}: ${e.message}`, { cause: e }),
        );
      },
    );
  });
}
