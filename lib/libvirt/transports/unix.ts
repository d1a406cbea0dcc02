/** UNIX-socket transport (qemu:///system, qemu+unix://…?socket=PATH). */
import net from "node:net";
import type { Duplex } from "node:stream";
import { socketPath } from "../uri";
import { type Dialer, withDialTimeout } from "./dialer";

/** Connects to the daemon's UNIX socket. */
export const dialUnix: Dialer = (uri, opts) => {
  const path = socketPath(uri, opts.readOnly);
  const sock = net.createConnection({ path });
  return withDialTimeout<Duplex>(
    `libvirtd socket ${path}`,
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
