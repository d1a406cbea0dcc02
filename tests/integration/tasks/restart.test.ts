// The server dies (SIGKILL) during a live migration and starts again: the task is followed
// again (the peer-to-peer job goes on in the source's daemon) or ends in words, never "running"
// forever, and the VM ends up in exactly one place, with one inventory row there.
import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshGuestName, removeTinyGuest, startTinyGuest } from "../lab/tiny-guest";
import { freshStore } from "../support/fresh-store";
import { labEnv } from "../support/lab-env";
import { virsh, waitFor } from "../support/virsh";

const lab = labEnv();
const store = await freshStore("restart");
const { db } = store;
const { ConnectionManager, installConnectionManager } = await import(
  "@/lib/hosts/connection-manager"
);
const { hostTarget } = await import("@/lib/hosts/start");
const { fullSync, subscribeHostEvents } = await import("@/lib/inventory/sync-host");
const { recoverTasks } = await import("@/lib/tasks/run-task");
const { TASK_FOLLOWERS } = await import("@/lib/migration/follow");
const { createAdmin } = await import("../support/actors");

const name = freshGuestName("vd-it-restart");
const manager = new ConnectionManager({
  async onOnline(hostId, conn) {
    await subscribeHostEvents(hostId, conn);
    await fullSync(hostId, conn);
  },
  onStatus() {},
});

beforeAll(() => store.migrate());
afterAll(async () => {
  await removeTinyGuest(lab, name);
  await manager.stopAll();
  await store.dispose();
});

const on = async (uri: string) =>
  (await virsh(uri, "list", "--all", "--name")).split("\n").includes(name);

describe("a restart during a migration", () => {
  it("follows the task again to its end; the VM is in exactly one place", async () => {
    const admin = await createAdmin();
    await startTinyGuest(lab, name);
    const h1 = await db.host.create({ data: { name: "lab1", uri: lab.LAB_URI } });
    const h2 = await db.host.create({
      data: {
        name: "lab2",
        uri: lab.LAB_HOST2_URI,
        migrationUri: lab.LAB_HOST2_TCP_URI,
        migrationAddress: lab.LAB_HOST2_MIGRATE_URI,
      },
    });
    // The inventory row the migration starts from (as the first server's sync would make it).
    installConnectionManager(manager);
    manager.add(hostTarget(h1));
    const vm = await waitFor(
      "the VM's row",
      () => db.vm.findFirst({ where: { name } }).then((r) => r ?? undefined),
      20_000,
    );
    await manager.stopAll();

    const child = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        path.join(import.meta.dirname, "support/migrate-then-wait.ts"),
        store.dataDir,
        vm.id,
        h2.id,
        admin.userId,
      ],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    const taskId = await new Promise<string>((resolve, reject) => {
      let out = "";
      child.stdout.on("data", (b: Buffer) => {
        out += b.toString();
        const m = /\{"task":"([^"]+)"\}/.exec(out);
        if (m) resolve(m[1]!);
      });
      child.on("exit", (code) =>
        reject(new Error(`the stand-in server exited (${code}) before the job moved`)),
      );
    });
    child.kill("SIGKILL");
    await new Promise((r) => child.once("exit", r));
    expect((await db.task.findUniqueOrThrow({ where: { id: taskId } })).state).toBe("running");

    // The next start: followers first, then the host connections.
    const recovered = await recoverTasks(TASK_FOLLOWERS);
    expect(recovered.followed).toBe(1);
    manager.add(hostTarget(h1));
    manager.add(hostTarget(h2));
    const ended = await waitFor(
      "the followed task's end",
      () =>
        db.task
          .findUnique({ where: { id: taskId } })
          .then((t) => (t && t.state !== "running" ? t : undefined)),
      120_000,
      250,
    );
    const log = await db.taskLog.findMany({ where: { taskId }, orderBy: { id: "asc" } });
    console.info(
      `after the restart: ${ended.state} (${ended.error ?? "no error"}); ${log.map((l) => l.line).join(" | ")}`,
    );
    expect(log.map((l) => l.line)).toContain(
      "The server restarted during this migration: looking for its job on the source host",
    );
    const places = [
      (await on(lab.LAB_URI)) ? h1.id : null,
      (await on(lab.LAB_HOST2_URI)) ? h2.id : null,
    ].filter(Boolean);
    expect(places).toHaveLength(1);
    expect(ended.state).toBe(places[0] === h2.id ? "succeeded" : "failed");
    await waitFor(
      "one row, where the VM is",
      async () => {
        const rows = await db.vm.findMany({ where: { uuid: vm.uuid, goneAt: null } });
        return rows.length === 1 && rows[0]!.hostId === places[0] ? true : undefined;
      },
      15_000,
    );
  }, 240_000);
});
