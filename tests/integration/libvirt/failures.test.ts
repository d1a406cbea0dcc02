/**
 * Failure behaviour: every case ends in a clear error within its timeout,
 * never a hang. An unreachable host, an SSH session whose far side dies, a
 * frozen peer caught by keepalive, and a restart of host 2's libvirtd
 * (restarted the way the lab starts it, then checked).
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { type Connection, ConnectionError, connect } from "@/lib/libvirt";
import { labEnv } from "../support/lab-env";
import { run, virsh, waitFor } from "../support/virsh";

const lab = labEnv();
const ssh = { knownHostsFile: lab.LAB_KNOWN_HOSTS };

async function helperPids(): Promise<Set<number>> {
  const out = await run("pgrep", ["-x", "virt-ssh-helper"]).catch(() => ({ stdout: "" }));
  return new Set(out.stdout.split("\n").filter(Boolean).map(Number));
}

/** Connects over SSH and returns the pid of the virt-ssh-helper this connection started. */
async function connectWithHelper(
  opts: Parameters<typeof connect>[1] = {},
): Promise<[Connection, number]> {
  const before = await helperPids();
  const c = await connect(lab.LAB_HOST2_SSH_URI, { ssh, ...opts });
  const ours = [...(await helperPids())].filter((p) => !before.has(p));
  if (ours.length !== 1) {
    await c.close();
    throw new Error(`expected one new virt-ssh-helper, found ${ours.length}`);
  }
  return [c, ours[0]!];
}

function closeOf(c: Connection): Promise<Error> {
  return new Promise((resolve) => c.once("close", resolve));
}

describe("failures end in clear errors, not hangs", () => {
  it("reports an unreachable host within the dial timeout", async () => {
    const t0 = Date.now();
    const err = await connect("qemu+tcp://10.250.0.77/system", { timeout: 1_500 }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ConnectionError);
    expect((err as Error).message).toMatch(/10\.250\.0\.77:16509/);
    expect(Date.now() - t0).toBeLessThan(3_000);
  });

  it("reports a refused local socket at once", async () => {
    const err = await connect("qemu+unix:///system?socket=/run/virtdeck-no-such.sock").catch(
      (e: unknown) => e,
    );
    expect(err).toMatchObject({ kind: "dial" });
    expect((err as Error).message).toMatch(/no-such\.sock/);
  });

  it("fails pending calls and emits close when the SSH far side dies", async () => {
    const [c, pid] = await connectWithHelper();
    const closed = closeOf(c);
    process.kill(pid, "SIGKILL");
    const err = await closed;
    expect(err).toBeInstanceOf(ConnectionError);
    await expect(c.host.hostname()).rejects.toMatchObject({ kind: "closed" });
  });

  it("detects a frozen peer with keepalive", async () => {
    const [c, pid] = await connectWithHelper({ keepalive: { interval: 300, count: 2 } });
    const closed = closeOf(c);
    process.kill(pid, "SIGSTOP");
    try {
      const t0 = Date.now();
      const pending = c.host.hostname().catch((e: unknown) => e);
      const err = await closed;
      expect(err.message).toMatch(/keepalive/);
      expect(await pending).toBeInstanceOf(ConnectionError);
      expect(Date.now() - t0).toBeLessThan(3_000);
    } finally {
      process.kill(pid, "SIGKILL");
    }
  });

  it("survives a libvirtd restart on host 2 with a clear error, then reconnects", async () => {
    const c = await connect(lab.LAB_HOST2_URI);
    const closed = closeOf(c);
    const dir = `${lab.LAB_STATE_DIR}/host2`;
    const pid = Number(readFileSync(`${dir}/libvirtd.pid`, "utf8").trim());
    const logd = Number(readFileSync(`${dir}/virtlogd.pid`, "utf8").trim());
    try {
      process.kill(pid, "SIGTERM");
      const err = await closed;
      expect(err).toMatchObject({ name: "ConnectionError", kind: "closed" });
      await expect(c.host.hostname()).rejects.toThrow(/closed/);
    } finally {
      // Restart as scripts/lab/host2.sh does, inside host 2's namespaces (virtlogd's).
      await waitFor("libvirtd to exit", () => (isAlive(pid) ? undefined : true), 30_000);
      const args = [
        "-t",
        String(logd),
        "-m",
        "-u",
        "-n",
        "libvirtd",
        "-d",
        "-l", // host 2 also listens on TCP and TLS
        "-p",
        `${dir}/libvirtd.pid`,
      ];
      await run("nsenter", args);
      await waitFor(
        "host 2's libvirtd",
        () => virsh(lab.LAB_HOST2_URI, "uri").catch(() => undefined),
        60_000,
      );
    }
    const again = await connect(lab.LAB_HOST2_URI);
    expect(await again.host.hostname()).toBe(lab.LAB_HOST2_NAME);
    await again.close();
  });
});

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
