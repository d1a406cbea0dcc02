// The task store against a real SQLite file and the lab's libvirtd: a volume copy as a task
// (state, progress, log, result), who may follow and cancel it, uploads and downloads as tasks
// (the bytes as their progress, a cancel that stops the stream), and what a restart leaves.
import { randomBytes, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, db, lab, manager, startLabHost, user } from "../networks/support";
import { createActor } from "../support/actors";
import { virsh, waitFor } from "../support/virsh";
import { createLabPool, type LabPool } from "../vms/lab-pool";

const { invoke } = await import("@/lib/access/invoke");
const { cloneVolumeOp, downloadVolumeOp, uploadVolumeOp } = await import(
  "@/lib/storage/operations"
);
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

/** A request body of `steps` random MiB, one every `pauseMs` (an upload as a slow link sends it). */
function pacedBody(steps: number, pauseMs: number) {
  const data = randomBytes(steps << 20);
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (sent >= data.length) return controller.close();
      if (sent > 0) await new Promise((r) => setTimeout(r, pauseMs));
      controller.enqueue(data.subarray(sent, sent + (1 << 20)));
      sent += 1 << 20;
    },
  });
  return { body, data };
}

/** The one running task of a kind, once its progress has moved. */
const runningTask = (kind: string) =>
  waitFor(
    `a running ${kind} with progress`,
    async () => {
      const { tasks } = await invoke(listTasksOp, { user }, { host: hostId });
      return tasks.find((t) => t.kind === kind && t.state === "running" && (t.done ?? 0) > 0);
    },
    20_000,
    50,
  );

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

  it("an upload is a task while its request runs: the bytes received as progress, the task in the answer", async () => {
    const { body, data } = pacedBody(3, 0);
    const answer = await invoke(
      uploadVolumeOp,
      { user, body },
      { hostId, pool: pool.name, name: "up.img", format: "raw", size: data.length },
    );
    expect(answer.volume.bytes).toBe(data.length);
    expect(answer.task).toMatchObject({
      kind: "volume.upload",
      state: "succeeded",
      done: data.length,
      total: data.length,
      unit: "bytes",
    });
    const { task } = await invoke(getTaskOp, { user }, { id: answer.task.id });
    expect(task.log.map((l) => l.line)).toEqual([
      `Started by ${user.username}: Upload up.img into ${pool.name}`,
      "Done",
    ]);
    expect(await virsh(lab.LAB_URI, "vol-info", "--bytes", "--pool", pool.name, "up.img")).toMatch(
      new RegExp(`Capacity:\\s+${data.length} bytes`),
    );
  });

  it("an upload refused before it starts (the name is taken) makes no task", async () => {
    const before = await db.task.count();
    const { body, data } = pacedBody(1, 0);
    await expect(
      invoke(
        uploadVolumeOp,
        { user, body },
        { hostId, pool: pool.name, name: "up.img", format: "raw", size: data.length },
      ),
    ).rejects.toThrow(`${pool.name} already has a volume named up.img`);
    expect(await db.task.count()).toBe(before);
  });

  it("a download is a task: the bytes sent as progress; it ends when the reader has them all", async () => {
    const answer = await invoke(
      downloadVolumeOp,
      { user },
      { hostId, pool: pool.name, volume: "up.img" },
    );
    const bytes = Buffer.from(await new Response(answer.body).arrayBuffer());
    const task = await waitFor(
      "the download's task to end",
      async () => {
        const { task } = await invoke(getTaskOp, { user }, { id: answer.task });
        return task.state === "running" ? undefined : task;
      },
      10_000,
    );
    expect(task).toMatchObject({ kind: "volume.download", state: "succeeded", unit: "bytes" });
    expect(task.done).toBe(bytes.length);
    expect(task.total).toBe(bytes.length);
    expect(bytes.length).toBe(3 << 20);
  });

  it("cancelling an upload's task stops the stream, deletes the partial volume and fails the request in words", async () => {
    const { body, data } = pacedBody(8, 400);
    const uploading = invoke(
      uploadVolumeOp,
      { user, body },
      { hostId, pool: pool.name, name: "slow.img", format: "raw", size: data.length },
    ).then(
      () => null,
      (e: Error) => e,
    );
    const task = await runningTask("volume.upload");
    await invoke(cancelTaskOp, { user }, { id: task.id });
    const failure = await uploading;
    expect(failure?.message).toBe(`Cancelled by ${user.username}`);
    const { task: ended } = await invoke(getTaskOp, { user }, { id: task.id });
    expect(ended.state).toBe("cancelled");
    expect(ended.done ?? 0).toBeLessThan(data.length);
    expect(await virsh(lab.LAB_URI, "vol-list", pool.name)).not.toContain("slow.img");
  });

  it("cancelling a download's task ends the reader's stream with an error", async () => {
    // 24 MiB read slowly: far more than the buffers between libvirt and this reader hold.
    const answer = await invoke(
      downloadVolumeOp,
      { user },
      { hostId, pool: pool.name, volume: "src.img" },
    );
    const reader = answer.body.getReader();
    await reader.read();
    const { task } = await invoke(getTaskOp, { user }, { id: answer.task });
    await invoke(cancelTaskOp, { user }, { id: task.id });
    const reading = (async () => {
      for (;;) if ((await reader.read()).done) return "ended";
    })().catch((e: Error) => e.message);
    expect(await reading).toBe("The download was cancelled");
    const ended = await waitFor(
      "the download's task to end",
      async () => {
        const { task: t } = await invoke(getTaskOp, { user }, { id: task.id });
        return t.state === "running" ? undefined : t;
      },
      10_000,
    );
    expect(ended.state).toBe("cancelled");
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
