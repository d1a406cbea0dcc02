/** Plain TCP transport (qemu+tcp://host[:port]/system); no encryption, auth as the daemon allows. */
import net from "node:net";
import type { Duplex } from "node:stream";
import { defaultPort } from "../uri";
import { type Dialer, withDialTimeout } from "./dialer";

/** Connects over TCP (port 16509 by default). */
export const dialTcp: Dialer = (uri, opts) => {
  const host = uri.host ?? "localhost";
  const port = uri.port ?? defaultPort("tcp");
  const sock = net.createConnection({ host, port });
  sock.setNoDelay(true);
  sock.setKeepAlive(true, 10_000);
  return withDialTimeout<Duplex>(
    `libvirtd at ${host}:${port}`,
    opts.timeout,
    (resolve, reject) => {
      sock.once("error", reject);
      sock.once("connect", () => {
        sock.off("error", reject);
        resolve(sock);
      });
    },
    () => sock.destroy(),
  );
};
