/**
 * Channels to the far host over an SSH connection's existing session: ssh
 * `direct-tcpip` (a TCP port as the host sees it, e.g. a VNC server on its
 * 127.0.0.1) and OpenSSH's `direct-streamlocal` (a UNIX socket on the host).
 * No extra process runs and no port is opened on either side.
 */
import type { Duplex } from "node:stream";
import type { Client, ClientChannel } from "ssh2";
import { ConnectionError } from "../errors";

/** Where a tunnel leads, as seen from the far host. */
export type TunnelTarget = { host: string; port: number } | { path: string };

const clients = new WeakMap<Duplex, Client>();

/** Remembers the SSH client behind a transport pipe (called by the SSH dialer). */
export function rememberSshClient(pipe: Duplex, client: Client): void {
  clients.set(pipe, client);
}

/** The SSH client behind a transport pipe, or undefined for other transports. */
export function sshClientOf(pipe: Duplex): Client | undefined {
  return clients.get(pipe);
}

function targetName(target: TunnelTarget): string {
  return "path" in target ? target.path : `${target.host}:${target.port}`;
}

/**
 * Opens a channel over the SSH session behind `pipe`. Rejects with
 * ConnectionError("unsupported") when the transport is not SSH, "closed" when the
 * session has ended, and "dial" when the far sshd refuses (nothing listening,
 * forwarding disabled).
 */
export function openSshTunnel(
  pipe: Duplex,
  target: TunnelTarget,
  timeoutMs = 10_000,
): Promise<Duplex> {
  const client = sshClientOf(pipe);
  if (!client)
    return Promise.reject(
      new ConnectionError("unsupported", "tunnels need a connection over SSH (qemu+ssh://)"),
    );
  if (pipe.destroyed)
    return Promise.reject(new ConnectionError("closed", "the SSH connection has ended"));
  return new Promise<Duplex>((resolve, reject) => {
    let settled = false;
    const timer = setTimeout(() => {
      settled = true;
      reject(
        new ConnectionError(
          "timeout",
          `no SSH channel to ${targetName(target)} within ${timeoutMs} ms`,
        ),
      );
    }, timeoutMs);
    const done = (err: Error | undefined, channel: ClientChannel) => {
      clearTimeout(timer);
      if (settled) {
        channel?.destroy();
        return;
      }
      settled = true;
      if (err)
        return reject(
          new ConnectionError("dial", `SSH channel to ${targetName(target)}: ${err.message}`, {
            cause: err,
          }),
        );
      // The channel ends with the session: a dropped host closes every tunnel at once.
      const onGone = () => channel.destroy();
      pipe.once("close", onGone);
      channel.once("close", () => pipe.off("close", onGone));
      resolve(channel);
    };
    try {
      if ("path" in target) client.openssh_forwardOutStreamLocal(target.path, done);
      else client.forwardOut("127.0.0.1", 0, target.host, target.port, done);
    } catch (e) {
      clearTimeout(timer);
      settled = true;
      reject(new ConnectionError("closed", `the SSH connection is not usable: ${String(e)}`));
    }
  });
}
