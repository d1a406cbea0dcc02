/**
 * SSH transport (qemu+ssh://user@host[:port]/system) with the ssh2 package:
 * runs virt-ssh-helper on the far side (or `nc -U SOCKET` on hosts without
 * it) in an exec channel with no PTY, and uses the channel as the pipe.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Duplex } from "node:stream";
import { Client, type ClientChannel } from "ssh2";
import { DEFAULT_SOCKET, defaultPort, flagParam, type LibvirtUri } from "../uri";
import { type Dialer, type HostKeyInfo, type SshOptions, withDialTimeout } from "./dialer";
import { hostPattern, loadKnownKeys } from "./known-hosts";
import { rememberSshClient } from "./ssh-tunnel";

/** Quotes a word for a POSIX shell. */
export function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/**
 * The remote command, as libvirt's own client builds it: `proxy=auto` (default)
 * tries virt-ssh-helper and falls back to netcat, `native` forces the helper,
 * `netcat` forces nc. Debian's netcat needs -q0 to exit when stdin closes.
 */
export function remoteCommand(uri: LibvirtUri, readOnly = false): string {
  const helper = `virt-ssh-helper${readOnly ? " -r" : ""} ${shellQuote(uri.name)}`;
  const nc = uri.params.netcat ?? "nc";
  const sock = uri.params.socket ?? (readOnly ? `${DEFAULT_SOCKET}-ro` : DEFAULT_SOCKET);
  const netcat =
    `if ${shellQuote(nc)} -q 2>&1 | grep "requires an argument" >/dev/null 2>&1; then ARG=-q0; else ARG=; fi; ` +
    `${shellQuote(nc)} $ARG -U ${shellQuote(sock)}`;
  const proxy = uri.params.proxy ?? "auto";
  let script: string;
  if (proxy === "native") script = helper;
  else if (proxy === "netcat") script = netcat;
  else script = `if which virt-ssh-helper >/dev/null 2>&1; then ${helper}; else ${netcat}; fi`;
  return `sh -c ${shellQuote(script)}`;
}

/** Type, base64 and SHA-256 fingerprint of a raw host key blob (its first field is the type). */
export function describeHostKey(blob: Buffer): HostKeyInfo {
  const len = blob.length >= 4 ? blob.readUInt32BE(0) : 0;
  const type = blob.subarray(4, 4 + len).toString("latin1") || "unknown";
  const digest = createHash("sha256").update(blob).digest("base64").replace(/=+$/, "");
  return { type, base64: blob.toString("base64"), fingerprint: `SHA256:${digest}` };
}

/** The blob of an OpenSSH "type base64" key (a known_hosts line's key part also works). */
function keyBlob(openssh: string): Buffer | null {
  const b64 = openssh.trim().split(/\s+/)[1];
  return b64 ? Buffer.from(b64, "base64") : null;
}

function privateKeyOf(uri: LibvirtUri, opts: SshOptions): Buffer | string | undefined {
  if (uri.params.keyfile) return readFileSync(uri.params.keyfile);
  if (opts.privateKey) return opts.privateKey;
  const file = defaultKey(opts);
  return file ? readFileSync(file) : undefined;
}

function defaultKey(opts: SshOptions): string | undefined {
  if (opts.keyFile) return opts.keyFile;
  const dir = path.join(os.homedir(), ".ssh");
  return ["id_ed25519", "id_ecdsa", "id_rsa"]
    .map((f) => path.join(dir, f))
    .find((f) => existsSync(f));
}

/** Connects over SSH and starts the helper; the exec channel is the byte pipe. */
export const dialSsh: Dialer = (uri, opts) => {
  const host = uri.host ?? "localhost";
  const port = uri.port ?? defaultPort("ssh");
  const sshOpts = opts.ssh ?? {};
  const knownHosts =
    uri.params.known_hosts ??
    sshOpts.knownHostsFile ??
    path.join(os.homedir(), ".ssh", "known_hosts");
  // Host-key checking is on unless the URI says no_verify=1 explicitly: a silent
  // man-in-the-middle would get root on the hypervisor.
  const verify = !flagParam(uri, "no_verify");
  const client = new Client();
  return withDialTimeout<Duplex>(
    `${host}:${port} over SSH`,
    opts.timeout,
    (resolve, reject) => {
      let rejectedKey: HostKeyInfo | null = null;
      const source = sshOpts.hostKeys ? "the accepted host keys" : knownHosts;
      client.once("error", (e) =>
        reject(
          rejectedKey
            ? Object.assign(
                new Error(
                  `host key for ${hostPattern(host, port)} (${rejectedKey.type} ${rejectedKey.fingerprint}) not found in ${source}`,
                ),
                { level: "host-key", hostKey: rejectedKey },
              )
            : e,
        ),
      );
      client.once("ready", () => {
        client.exec(remoteCommand(uri, opts.readOnly), (err, channel) => {
          if (err) return reject(err);
          resolve(wireChannel(client, channel));
        });
      });
      try {
        client.connect({
          host,
          port,
          username: uri.user ?? sshOpts.username ?? os.userInfo().username,
          privateKey: privateKeyOf(uri, sshOpts),
          readyTimeout: opts.timeout,
          keepaliveInterval: 10_000,
          hostVerifier: (key: Buffer) => {
            const offered = describeHostKey(key);
            if (sshOpts.onHostKey?.(offered) === true || !verify) return true;
            const known = sshOpts.hostKeys
              ? sshOpts.hostKeys.map(keyBlob)
              : loadKnownKeys(knownHosts, host, port).map((k) => k.key);
            const ok = known.some((k) => k?.equals(key));
            rejectedKey = ok ? null : offered;
            return ok;
          },
        });
      } catch (e) {
        reject(e instanceof Error ? e : new Error(String(e)));
      }
    },
    () => client.end(),
  );
};

/** Ties the channel's life to the SSH connection and surfaces the helper's stderr on failure. */
function wireChannel(client: Client, channel: ClientChannel): Duplex {
  let stderr = "";
  const fail = (e: Error) => {
    (channel as Duplex).destroy(e);
  };
  channel.stderr.on("data", (d: Buffer) => {
    stderr = (stderr + d.toString("utf8")).slice(-2000);
  });
  channel.on("exit", (code: number | null) => {
    if (code)
      fail(new Error(`remote helper exited with ${code}: ${stderr.trim() || "no message"}`));
  });
  channel.on("close", () => client.end());
  client.on("close", () => channel.destroy());
  client.on("error", fail);
  rememberSshClient(channel, client); // for tunnels over the same session (ssh-tunnel.ts)
  return channel;
}
