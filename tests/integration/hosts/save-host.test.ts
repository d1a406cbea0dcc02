// Adding and removing hosts against a real SQLite file and the lab: the SSH key is sealed at rest
// and the stored host really connects with it; a host that does not answer saves nothing.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshStore } from "../support/fresh-store";
import { labEnv } from "../support/lab-env";

const lab = labEnv();
const store = await freshStore("hosts");
const { db } = store;
delete process.env.VIRTDECK_SECRET;

const { ConnectionManager, installConnectionManager } = await import(
  "@/lib/hosts/connection-manager"
);
const { addHostOp, removeHostOp } = await import("@/lib/hosts/operations");
const { invoke } = await import("@/lib/access/invoke");
const { createAdmin } = await import("../support/actors");
const { probeHost } = await import("@/lib/hosts/probe-host");
const { open } = await import("@/lib/secrets/box");

const statuses: { hostId: string; status: string; error: string | null }[] = [];
const manager = new ConnectionManager({
  async onOnline() {},
  onStatus: (hostId, status, error) => void statuses.push({ hostId, status, error }),
});
let user: Awaited<ReturnType<typeof createAdmin>>;
const SSH_URI = lab.LAB_HOST2_SSH_URI.replace(/\?.*$/, "");
const privateKey = readFileSync(lab.LAB_SSH_KEY, "utf8");

beforeAll(async () => {
  store.migrate();
  installConnectionManager(manager);
  user = await createAdmin();
});
afterAll(async () => {
  await manager.stopAll();
  await store.dispose();
});

async function until(check: () => boolean, ms = 15_000): Promise<void> {
  const t0 = Date.now();
  while (!check()) {
    if (Date.now() - t0 > ms) throw new Error(`timed out: ${JSON.stringify(statuses)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("saving hosts", () => {
  it("seals a pasted key, stores the accepted host key, and connects with them", async () => {
    const test = await probeHost(
      { uri: SSH_URI, sshUser: "root", privateKey },
      { trustOffered: true, detailedErrors: true },
    );
    const sshHostKey = test.hostKey!.openssh;
    const { host, reached: probe } = await invoke(
      addHostOp,
      { user },
      { name: "h2", uri: SSH_URI, sshUser: "root", privateKey, sshHostKey },
    );
    expect(probe.hostname).toBe(lab.LAB_HOST2_NAME);
    const stored = await db.host.findUniqueOrThrow({
      where: { id: host.id },
      include: { sshKey: true },
    });
    expect(stored.sshHostKey).toBe(sshHostKey);
    const body = privateKey.split("\n")[1]!;
    expect(stored.sshKey!.encryptedKey).not.toContain(body);
    expect(open(stored.sshKey!.encryptedKey)).toBe(privateKey);
    // The connection manager decrypts the key to connect (connect-options.ts).
    await until(() => manager.status(host.id)?.status === "online");

    await invoke(removeHostOp, { user }, { id: host.id });
    expect(await db.host.count()).toBe(0);
    expect(await db.sshKey.count()).toBe(0);
    expect(manager.status(host.id)).toBeNull();
    const audit = await db.auditEvent.findMany({ orderBy: { at: "asc" } });
    expect(audit.map((a) => [a.action, a.outcome])).toEqual([
      ["host.add", "ok"],
      ["host.remove", "ok"],
    ]);
  });

  it("saves nothing when the host does not answer, and records the refusal", async () => {
    await expect(
      invoke(addHostOp, { user }, { name: "dead", uri: "qemu+tcp://127.0.0.1:1/system" }),
    ).rejects.toThrow("connection refused at 127.0.0.1:1");
    expect(await db.host.count()).toBe(0);
    const last = await db.auditEvent.findFirstOrThrow({ orderBy: { at: "desc" } });
    expect(last).toMatchObject({ action: "host.add", outcome: "error" });
  });
});
