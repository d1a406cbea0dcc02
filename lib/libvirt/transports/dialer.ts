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
