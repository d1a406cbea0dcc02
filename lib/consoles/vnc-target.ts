// Where a VM's VNC server listens, read from its live domain XML (with secure fields, for the
// password): an address and port, or a UNIX socket. The password never leaves this process
// except to the signed-in operator who asked for the console, and is never logged.
import { attr, child, children, parseXml } from "@/lib/xml/parse";

export type VncEndpoint =
  | { kind: "tcp"; host: string; port: number; password: string | null }
  | { kind: "unix"; path: string; password: string | null };

/** No listen address is QEMU's default, every address; brackets go (dial-policy.ts decides). */
export function normalizeListen(listen: string | null): string {
  if (!listen) return "0.0.0.0";
  return listen.replace(/^\[(.*)\]$/, "$1");
}

/** The first VNC graphics device of a live domain XML, or a sentence saying why there is none. */
export function vncEndpoint(xml: string): VncEndpoint | { problem: string } {
  const devices = child(child(parseXml(xml), "domain"), "devices");
  const vnc = children(devices, "graphics").find((g) => attr(g, "type") === "vnc");
  if (!vnc) return { problem: "This VM has no VNC display" };
  const password = attr(vnc, "passwd");
  const listens = children(vnc, "listen");
  const socketListen = listens.find((l) => attr(l, "type") === "socket");
  const socket = attr(vnc, "socket") ?? attr(socketListen, "socket");
  if (socket) return { kind: "unix", path: socket, password };
  if (listens.some((l) => attr(l, "type") === "none"))
    return { problem: "This VM's VNC display does not listen anywhere (listen type none)" };
  const port = Number(attr(vnc, "port"));
  if (!Number.isInteger(port) || port <= 0)
    return { problem: "This VM's VNC display has no port yet (is the VM running?)" };
  const addressListen = listens.find((l) => attr(l, "type") === "address");
  const listen = attr(vnc, "listen") ?? attr(addressListen, "address");
  return { kind: "tcp", host: normalizeListen(listen), port, password };
}
