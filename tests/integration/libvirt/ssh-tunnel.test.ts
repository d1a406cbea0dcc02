/**
 * Tunnels over a connection's SSH session (Connection.openTunnel) to lab host 2: a TCP port on
 * the host's own loopback, a UNIX socket on the host, refusals, and closing with the connection.
 */
import type { Duplex } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Connection, connect } from "@/lib/libvirt";
import { labEnv } from "../support/lab-env";

const lab = labEnv();
const ssh = { knownHostsFile: lab.LAB_KNOWN_HOSTS };
let c: Connection;

beforeAll(async () => {
  c = await connect(lab.LAB_HOST2_SSH_URI, { ssh });
});
afterAll(async () => {
  await c.close();
});

function firstBytes(channel: Duplex): Promise<string> {
  return new Promise((resolve, reject) => {
    channel.once("data", (d: Buffer) => resolve(d.toString("latin1")));
    channel.once("error", reject);
  });
}

describe("Connection.openTunnel", () => {
  it("reaches a TCP port as the far host sees it (its own sshd greets us)", async () => {
    const channel = await c.openTunnel({ host: lab.LAB_HOST2_ADDR, port: 22 });
    expect(await firstBytes(channel)).toMatch(/^SSH-2\.0-/);
    channel.destroy();
    // The libvirt connection is untouched by the tunnel's life.
    expect(await c.host.hostname()).toBe(lab.LAB_HOST2_NAME);
  });

  it("reaches a UNIX socket on the far host", async () => {
    const channel = await c.openTunnel({ path: lab.LAB_HOST2_SOCKET });
    expect(channel.destroyed).toBe(false);
    channel.destroy();
  });

  it("rejects a port nobody listens on, with the far side's words", async () => {
    await expect(c.openTunnel({ host: "127.0.0.1", port: 1 })).rejects.toMatchObject({
      name: "ConnectionError",
      kind: "dial",
    });
  });

  it("is refused on a non-SSH connection", async () => {
    const local = await connect(lab.LAB_URI);
    try {
      await expect(local.openTunnel({ host: lab.LAB_HOST2_ADDR, port: 22 })).rejects.toMatchObject({
        kind: "unsupported",
      });
    } finally {
      await local.close();
    }
  });

  it("closes its channels when the connection closes", async () => {
    const other = await connect(lab.LAB_HOST2_SSH_URI, { ssh });
    const channel = await other.openTunnel({ host: lab.LAB_HOST2_ADDR, port: 22 });
    const closed = new Promise<void>((resolve) => channel.once("close", () => resolve()));
    channel.resume();
    await other.close();
    await closed;
  });
});
