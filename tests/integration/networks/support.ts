// Shared set-up for the network tests: a fresh SQLite file, the lab's libvirtd as a stored host
// kept in sync by the real inventory hooks, virsh as the oracle, and a serial shell on guests.
import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { SessionUser } from "@/lib/auth/session-store";
import type { LibvirtStream } from "@/lib/libvirt";
import { labEnv } from "../support/lab-env";
import { run, virsh } from "../support/virsh";

export const lab = labEnv();
export const dataDir = mkdtempSync(path.join(tmpdir(), "virtdeck-networks-"));
process.env.VIRTDECK_DATA_DIR = dataDir;
delete process.env.DATABASE_URL;

const { env, sqlitePath } = await import("@/lib/env");
const { migrate } = await import("@/lib/db/migrate");
export const { db, closeDb } = await import("@/lib/db/client");
const { ConnectionManager, installConnectionManager } = await import(
  "@/lib/hosts/connection-manager"
);
const { hostTarget } = await import("@/lib/hosts/start");
const { fullSync, subscribeHostEvents } = await import("@/lib/inventory/sync-host");

const { createAdmin } = await import("../support/actors");
const { accessFor } = await import("@/lib/access/access");
export const { invoke } = await import("@/lib/access/invoke");

/** The administrator the tests act as (a real user with Administrator on /). */
export let user: SessionUser;
export let access: Awaited<ReturnType<typeof accessFor>>;
export const manager = new ConnectionManager({
  async onOnline(hostId, conn) {
    await subscribeHostEvents(hostId, conn);
    await fullSync(hostId, conn);
  },
  onStatus() {},
});

/** Migrates, stores the lab host and waits until it is online and synced. */
export async function startLabHost(): Promise<string> {
  migrate(
    sqlitePath(env.DATABASE_URL),
    path.resolve(import.meta.dirname, "../../../prisma/migrations"),
  );
  installConnectionManager(manager);
  user = await createAdmin();
  access = await accessFor(user);
  const host = await db.host.create({ data: { name: "lab1", uri: lab.LAB_URI } });
  manager.add(hostTarget(host));
  const t0 = Date.now();
  while (manager.status(host.id)?.status !== "online") {
    if (Date.now() - t0 > 15_000) throw new Error("the lab host did not come online");
    await new Promise((r) => setTimeout(r, 100));
  }
  return host.id;
}

export const uri = lab.LAB_URI;
export const suffix = () => randomBytes(3).toString("hex");
/** A random 10.60.x.0/24 with x in 100–249, away from the lab's own subnets. */
export function freshSubnet(): { x: number; cidr: string } {
  const x = 100 + Math.floor(Math.random() * 150);
  return { x, cidr: `10.60.${x}.0/24` };
}

export async function netNames(): Promise<string[]> {
  return (await virsh(uri, "net-list", "--all", "--name")).split("\n").filter(Boolean).sort();
}

/** Removes a network from the host if present; never throws. */
export async function removeNetwork(name: string): Promise<void> {
  await virsh(uri, "net-destroy", name).catch(() => undefined);
  await virsh(uri, "net-undefine", name).catch(() => undefined);
}

export async function removeBridge(name: string): Promise<void> {
  await run("ip", ["link", "del", name]).catch(() => undefined);
}

export function readUntil(
  stream: LibvirtStream,
  text: string | RegExp,
  ms: number,
): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = "";
    const found = () => (typeof text === "string" ? out.includes(text) : text.test(out));
    const timer = setTimeout(() => {
      stream.off("data", onData);
      reject(
        new Error(`no ${text} within ${ms} ms; console said: ${JSON.stringify(out.slice(-500))}`),
      );
    }, ms);
    const onData = (chunk: Buffer) => {
      out += chunk.toString("utf8");
      if (found()) {
        clearTimeout(timer);
        stream.off("data", onData);
        resolve(out);
      }
    };
    stream.on("data", onData);
  });
}

/** Types a command on the guest's serial shell and resolves with what it printed up to the next prompt. */
export async function shell(stream: LibvirtStream, command: string, ms = 20_000): Promise<string> {
  const token = `done-${randomBytes(3).toString("hex")}`;
  const answer = readUntil(stream, `\n${token}`, ms);
  stream.write(`${command}; echo ${token}\r`);
  return answer;
}
