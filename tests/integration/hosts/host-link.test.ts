/**
 * HostLink against the lab's real libvirtd, reached through a UNIX-socket relay this test owns:
 * closing the relay is a host going away (without stopping the lab's daemon for everyone),
 * reopening it a host coming back. Also: a dead address ends in an operator's message quickly.
 */
import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { HostLink, type HostStatus } from "@/lib/hosts/host-link";
import { probeHost } from "@/lib/hosts/probe-host";
import { labEnv } from "../support/lab-env";

const lab = labEnv();
const dir = mkdtempSync(path.join(tmpdir(), "vd-link-"));
const relayPath = path.join(dir, "relay.sock");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A relay from relayPath to the lab's socket; close() drops it and every connection. */
function startRelay(): Promise<{ close: () => Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(lab.LAB_SOCKET);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on("close", () => sockets.delete(s));
      s.on("error", () => s.destroy());
    }
    client.pipe(upstream).pipe(client);
  });
  return new Promise((resolve) =>
    server.listen(relayPath, () =>
      resolve({
        close: () =>
          new Promise<void>((done) => {
            for (const s of sockets) s.destroy();
            server.close(() => done());
          }),
      }),
    ),
  );
}

function watch() {
  const seen: { status: HostStatus; error: string | null }[] = [];
  let online = 0;
  const until = (want: HostStatus, ms = 20_000) =>
    new Promise<void>((resolve, reject) => {
      const t0 = Date.now();
      const tick = setInterval(() => {
        if (seen.at(-1)?.status === want) {
          clearInterval(tick);
          resolve();
        } else if (Date.now() - t0 > ms) {
          clearInterval(tick);
          reject(new Error(`no ${want} within ${ms} ms: ${JSON.stringify(seen)}`));
        }
      }, 50);
    });
  const hooks = {
    async onOnline() {
      online += 1;
    },
    onStatus(_id: string, status: HostStatus, error: string | null) {
      seen.push({ status, error });
    },
  };
  return { seen, hooks, until, online: () => online };
}

describe("HostLink", () => {
  it("goes online, offline when the host goes away, and back online by itself", async () => {
    let relay = await startRelay();
    const w = watch();
    const uri = `qemu+unix:///system?socket=${relayPath}`;
    const link = new HostLink({ id: "h", uri, connectOptions: async () => ({}) }, w.hooks);
    link.start();
    try {
      await w.until("online");
      expect(link.connection).not.toBeNull();
      await relay.close();
      await w.until("offline");
      expect(w.seen.at(-1)?.error).toBeTruthy();
      expect(link.connection).toBeNull();
      relay = await startRelay();
      await w.until("online", 15_000);
      expect(w.online()).toBe(2);
      // One change per transition: no "connecting" flicker at each retry while offline.
      expect(w.seen.map((s) => s.status)).toEqual(["connecting", "online", "offline", "online"]);
    } finally {
      await link.stop();
      await relay.close();
    }
  });

  it("reports a dead address in an operator's words", async () => {
    const w = watch();
    const link = new HostLink(
      { id: "d", uri: "qemu+tcp://127.0.0.1:1/system", connectOptions: async () => ({}) },
      w.hooks,
    );
    link.start();
    try {
      await w.until("offline", 5_000);
      expect(w.seen.at(-1)?.error).toBe("connection refused at 127.0.0.1:1");
    } finally {
      await link.stop();
    }
  });
});

describe("probeHost", () => {
  it("says who answered", async () => {
    const r = await probeHost({ uri: lab.LAB_URI }, { trustOffered: false, detailedErrors: true });
    expect(r).toMatchObject({ hostname: lab.LAB_HOST1_NAME, hypervisor: "QEMU", hostKey: null });
    expect(r.libvirtVersion).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it("returns the SSH host key offered on a first-use test, and connects with it once accepted", async () => {
    const uri = lab.LAB_HOST2_SSH_URI;
    const first = await probeHost({ uri }, { trustOffered: true, detailedErrors: true });
    expect(first.hostname).toBe(lab.LAB_HOST2_NAME);
    expect(first.hostKey?.fingerprint).toMatch(/^SHA256:/);
    await expect(
      probeHost(
        { uri, sshHostKey: first.hostKey!.openssh },
        { trustOffered: false, detailedErrors: true },
      ),
    ).resolves.toMatchObject({
      hostname: lab.LAB_HOST2_NAME,
    });
  });
});
