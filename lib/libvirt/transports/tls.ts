/**
 * TLS transport (qemu+tls://host[:port]/system). After the handshake libvirtd
 * sends one byte, 0x01, when it accepts the client certificate; nothing may
 * be sent before it is read.
 */
import { readFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import type { Duplex } from "node:stream";
import tls from "node:tls";
import { defaultPort, flagParam } from "../uri";
import { type Dialer, type TlsPaths, withDialTimeout } from "./dialer";

/** libvirt's default credential locations for a root client. */
const DEFAULTS: Required<TlsPaths> = {
  caFile: "/etc/pki/CA/cacert.pem",
  certFile: "/etc/pki/libvirt/clientcert.pem",
  keyFile: "/etc/pki/libvirt/private/clientkey.pem",
};

/** Resolves credential paths: `?pkipath=DIR` (libvirt's layout), then options, then defaults. */
export function tlsPaths(pkipath: string | undefined, opts: TlsPaths = {}): Required<TlsPaths> {
  if (pkipath) {
    return {
      caFile: path.join(pkipath, "cacert.pem"),
      certFile: path.join(pkipath, "clientcert.pem"),
      keyFile: path.join(pkipath, "clientkey.pem"),
    };
  }
  return { ...DEFAULTS, ...opts };
}

/** Connects over TLS and waits for the daemon's acceptance byte. */
export const dialTls: Dialer = (uri, opts) => {
  const host = uri.host ?? "localhost";
  const port = uri.port ?? defaultPort("tls");
  const p = tlsPaths(uri.params.pkipath, opts.tls);
  // Certificate checks stay on unless the URI explicitly says no_verify=1 (libvirt's meaning).
  const verify = !flagParam(uri, "no_verify");
  let sock: tls.TLSSocket | undefined;
  return withDialTimeout<Duplex>(
    `libvirtd (TLS) at ${host}:${port}`,
    opts.timeout,
    (resolve, reject) => {
      try {
        sock = tls.connect({
          host,
          port,
          // SNI takes host names only (RFC 6066); an IP address is still checked against the
          // certificate's IP SANs.
          servername: net.isIP(host) ? undefined : host,
          ca: readFileSync(p.caFile),
          cert: readFileSync(p.certFile),
          key: readFileSync(p.keyFile),
          rejectUnauthorized: verify,
        });
      } catch (e) {
        return reject(e instanceof Error ? e : new Error(String(e)));
      }
      const s = sock;
      const refused = () =>
        reject(
          new Error(
            "the server closed the connection after the TLS handshake instead of confirming it " +
              "(it refused this client's certificate or address)",
          ),
        );
      s.once("error", reject);
      s.once("secureConnect", () => {
        s.setNoDelay(true);
        s.once("end", refused);
        s.once("close", refused);
        // read(1) takes only the confirmation byte; anything after it stays buffered for the
        // client, and once the 'readable' listener is gone a 'data' listener starts the flow,
        // as with the other transports (a pause() here would leave the socket stalled).
        const onReadable = () => {
          const b = s.read(1) as Buffer | null;
          if (b === null) return;
          s.off("readable", onReadable);
          s.off("end", refused);
          s.off("close", refused);
          s.off("error", reject);
          if (b[0] !== 1) return reject(new Error("the server did not accept the TLS session"));
          resolve(s);
        };
        s.on("readable", onReadable);
      });
    },
    () => sock?.destroy(),
  );
};
