// The task store against a real SQLite file and the lab's libvirtd: a volume copy as a task
// (state, progress, log, result), who may follow and cancel it, and what a restart leaves.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, db, lab, manager, startLabHost, user } from "../networks/support";
import { createActor } from "../support/actors";
import { virsh, waitFor } from "../support/virsh";
import { createLabPool, type LabPool } from "../vms/lab-pool";

const { invoke } = await import("@/lib/access/invoke");
const { cloneVolumeOp } = await import("@/lib/storage/operations");
const { cancelTaskOp, getTaskOp, listTasksOp } = await import("@/lib/tasks/operations");
const { recoverTasks } = await import("@/lib/tasks/run-task");

let hostId: string;
let pool: LabPool;

beforeAll(async () => {
  hostId = await startLabHost();
  pool = await createLabPool(lab.LAB_URI, "vd-it-tasks");
  await virsh(lab.LAB_URI, "vol-create-as", pool.name, "src.img", "24M");
  await virsh(lab.LAB_URI, "pool-refresh", pool.name);
}, 60_000);

afterAll(async () => {
  await pool?.remove();
  await manager.stopAll();
  await closeDb();
});

describe("tasks", () => {
  it("a volume copy runs as a task: progress in bytes, a log, its result; only who may see it follows it", async () => {
    const started = await invoke(
      cloneVolumeOp,
      { user },
      { hostId, pool: pool.name, volume: "src.img", name: "copy.img" },
    );
    expect(started).toMatchObject({
      kind: "volume.clone",
      state: "running",
      username: user.username,
      cancellable: false,
    });
    const done = await waitFor(
      "the copy's task to end",
      async () => {
        const { task } = await invoke(getTaskOp, { user }, { id: started.id });
        return task.state === "running" ? undefined : task;
      },
      30_000,
    );
    expect(done.state).toBe("succeeded");
    expect(done.unit).toBe("bytes");
    expect(done.done).toBe(done.total);
    expect(done.result).toMatchObject({ volume: "copy.img" });
    expect(done.log.map((l) => l.line)).toEqual([
      `Started by ${user.username}: Copy ${pool.name}/src.img → copy.img`,
      "Done",
    ]);
    expect(await virsh(lab.LAB_URI, "vol-list", pool.name)).toContain("copy.img");
    // The start's audit row names the task.
    const audit = await db.auditEvent.findFirst({
      where: { action: "volume.clone" },
      orderBy: { at: "desc" },
    });
    expect(audit?.detail).toContain(`task ${started.id}`);

    const stranger = await createActor(`stranger-${randomUUID().slice(0, 6)}`);
    const listed = await invoke(listTasksOp, { user: stranger }, {});
    expect(listed.tasks.map((t) => t.id)).not.toContain(started.id);
    await expect(invoke(getTaskOp, { user: stranger }, { id: started.id })).rejects.toThrow(
      "No such task",
    );
    const viewer = await createActor(`viewer-${randomUUID().slice(0, 6)}`, [
      { path: `/hosts/${hostId}`, role: "Auditor" },
    ]);
    expect(
      (await invoke(listTasksOp, { user: viewer }, { host: hostId })).tasks.map((t) => t.id),
    ).toContain(started.id);
    // Ended: nothing to cancel, in words.
    await expect(invoke(cancelTaskOp, { user }, { id: started.id })).rejects.toThrow(
      "The task has already succeeded",
    );
    await expect(invoke(cancelTaskOp, { user: viewer }, { id: started.id })).rejects.toThrow(
      /already succeeded|needs Sys.Modify/,
    );
  });

  it("after a restart, tasks left running are interrupted with what was known, never running forever", async () => {
    const id = randomUUID();
    await db.task.create({
      data: {
        id,
        kind: "vm.clone",
        title: "Clone web1 as web2",
        object: JSON.stringify({ kind: "host", hostId }),
        objectLabel: "lab1",
        hostId,
        userId: user.userId,
        username: user.username,
        state: "running",
        phase: "Disk 1 of 2: p/web1.qcow2 → web2.qcow2",
        done: 10,
        total: 100,
        unit: "bytes",
        startedAt: new Date(),
      },
    });
    const recovered = await recoverTasks();
    expect(recovered.interrupted).toBeGreaterThanOrEqual(1);
    const { task } = await invoke(getTaskOp, { user }, { id });
    expect(task.state).toBe("interrupted");
    expect(task.error).toBe(
      "The server stopped while this task ran (last seen: Disk 1 of 2: p/web1.qcow2 → web2.qcow2, 10 of 100 bytes)",
    );
    expect(task.log.at(-1)?.line).toMatch(/^Interrupted: the server stopped/);
    expect(task.endedAt).not.toBeNull();
  });
});
