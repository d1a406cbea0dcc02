// The long actions that are usually quick (create a VM, delete one with its volumes, resize a
// volume, build a pool) run as tasks. The pages wait for them: the answer is as before plus the
// task, whose log says each step, in the VM's and the host's history. An API caller
// (respondAsync) gets the task at once and finds the outcome in it. A refusal before anything
// starts makes no task either way. Against the lab's libvirtd; virsh is the oracle.
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, db, lab, manager, startLabHost, suffix, user } from "../networks/support";
import { removeDomain, virsh } from "../support/virsh";
import { createLabPool, type LabPool } from "../vms/lab-pool";
import { taskEnded } from "./support/lab-pools";

const { invoke } = await import("@/lib/access/invoke");
const { createVmOp, deleteVmOp } = await import("@/lib/vms/operations/allocate");
const { changePoolStateOp, resizeVolumeOp } = await import("@/lib/storage/operations");
const { getTaskOp, listTasksOp } = await import("@/lib/tasks/operations");
const { isAcceptedTask } = await import("@/lib/tasks/summary");
type AcceptedTask = import("@/lib/tasks/summary").AcceptedTask;

/** The answer a page gets (it waits for the task). */
function waited<T>(answer: T): Exclude<T, AcceptedTask> {
  if (isAcceptedTask(answer)) throw new Error("answered with the task, but this caller waits");
  return answer as Exclude<T, AcceptedTask>;
}

/** The answer an API caller gets: the task as it started. */
function accepted(answer: unknown) {
  if (!isAcceptedTask(answer)) throw new Error("expected the task at once (202)");
  return answer.accepted;
}

const name = `vd-it-short-${suffix()}`;
const asyncName = `vd-it-short-api-${suffix()}`;
const disk = `${name}-disk1.qcow2`;
const unbuilt = { name: `vd-it-build-${suffix()}`, dir: "" };
let hostId: string;
let pool: LabPool;
let buildRoot: string;

/** A tiny kernel-booted VM's fields for create. */
const tinyVm = (vmName: string) => ({
  hostId,
  name: vmName,
  vcpus: 1,
  memoryMib: 64,
  domainType: "qemu" as const,
  source: { kind: "kernel" as const, kernel: lab.LAB_GUEST_KERNEL },
});

const lines = async (id: string) =>
  (await invoke(getTaskOp, { user }, { id })).task.log.map((l) => l.line);

beforeAll(async () => {
  hostId = await startLabHost();
  pool = await createLabPool(lab.LAB_URI, "vd-it-short");
  buildRoot = mkdtempSync(path.join("/var/tmp", "vd-it-build-"));
  unbuilt.dir = path.join(buildRoot, "not-yet");
}, 60_000);

afterAll(async () => {
  await removeDomain(lab.LAB_URI, name);
  await removeDomain(lab.LAB_URI, asyncName);
  await pool?.remove();
  await virsh(lab.LAB_URI, "pool-destroy", unbuilt.name).catch(() => undefined);
  await virsh(lab.LAB_URI, "pool-undefine", unbuilt.name).catch(() => undefined);
  rmSync(buildRoot, { recursive: true, force: true });
  await manager.stopAll();
  await closeDb();
});

describe("quick long actions as tasks", () => {
  it("create, resize, delete with volumes: each a task in the VM's and the host's history", async () => {
    const created = waited(
      await invoke(
        createVmOp,
        { user },
        { ...tinyVm(name), disk: { mode: "new", pool: pool.name, sizeGib: 1, format: "qcow2" } },
      ),
    );
    expect(created.vm?.name).toBe(name);
    const uuid = created.vm!.uuid;
    expect(await virsh(lab.LAB_URI, "domuuid", name)).toBe(uuid);
    expect(await lines(created.task)).toEqual([
      `Started by ${user.username}: Create ${name} on lab1`,
      `Created the disk ${pool.name}/${disk}`,
      `Defined ${name} on lab1`,
      "Done",
    ]);
    const ofVm = await invoke(listTasksOp, { user }, { vm: uuid });
    expect(ofVm.tasks.map((t) => [t.kind, t.state])).toEqual([["vm.create", "succeeded"]]);

    const resized = waited(
      await invoke(
        resizeVolumeOp,
        { user },
        { hostId, pool: pool.name, volume: disk, capacity: "2G" },
      ),
    );
    expect((await invoke(getTaskOp, { user }, { id: resized.task })).task).toMatchObject({
      kind: "volume.resize",
      state: "succeeded",
      title: `Resize ${pool.name}/${disk} to 2 GiB`,
    });
    expect(await virsh(lab.LAB_URI, "vol-info", "--bytes", "--pool", pool.name, disk)).toMatch(
      /Capacity:\s+2147483648 bytes/,
    );

    // A name in use, and a running VM deleted without force: refused before a task is made.
    const before = await db.task.count();
    await expect(invoke(createVmOp, { user }, tinyVm(name))).rejects.toThrow(
      `A VM named ${name} already exists on this host`,
    );
    await virsh(lab.LAB_URI, "start", name);
    await expect(
      invoke(deleteVmOp, { user }, { id: created.id, volumes: [`${pool.dir}/${disk}`] }),
    ).rejects.toThrow("The VM is running: shut it off first, or force it off");
    expect(await db.task.count()).toBe(before);

    const deleted = waited(
      await invoke(
        deleteVmOp,
        { user },
        { id: created.id, force: true, volumes: [`${pool.dir}/${disk}`] },
      ),
    );
    expect(await lines(deleted.task!)).toEqual([
      `Started by ${user.username}: Delete ${name} and 1 volume(s)`,
      `Forced ${name} off`,
      `Undefined ${name} (its snapshots and NVRAM too)`,
      `Deleted the volume ${pool.name}/${disk}`,
      "Done",
    ]);
    expect(await virsh(lab.LAB_URI, "list", "--all", "--name")).not.toContain(name);
    expect(await virsh(lab.LAB_URI, "vol-list", pool.name)).not.toContain(disk);
    const ofHost = await invoke(listTasksOp, { user }, { host: hostId });
    expect(ofHost.tasks.map((t) => t.kind)).toEqual(
      expect.arrayContaining(["vm.create", "volume.resize", "vm.delete"]),
    );
  });

  it("an API caller gets each task at once and finds the outcome in it", async () => {
    const api = { user, respondAsync: true };
    const reader = (id: string) => () => invoke(getTaskOp, { user }, { id }).then((r) => r.task);
    const asyncDisk = `${asyncName}-disk1.qcow2`;
    const create = accepted(
      await invoke(createVmOp, api, {
        ...tinyVm(asyncName),
        disk: { mode: "new", pool: pool.name, sizeGib: 1, format: "qcow2" },
      }),
    );
    expect(create).toMatchObject({ kind: "vm.create", state: "running" });
    const made = await taskEnded(reader(create.id), create.id);
    expect(made.state).toBe("succeeded");
    const { vmId } = made.result as { vmId: string };
    const uuid = await virsh(lab.LAB_URI, "domuuid", asyncName);
    expect(made.vmUuid).toBe(uuid); // in the new VM's history

    const resize = accepted(
      await invoke(resizeVolumeOp, api, {
        hostId,
        pool: pool.name,
        volume: asyncDisk,
        capacity: "3G",
      }),
    );
    expect((await taskEnded(reader(resize.id), resize.id)).state).toBe("succeeded");
    expect(await virsh(lab.LAB_URI, "vol-info", "--bytes", "--pool", pool.name, asyncDisk)).toMatch(
      /Capacity:\s+3221225472 bytes/,
    );

    // Refusals still come at once, as errors, with no task: a shrink without shrink: true.
    const before = await db.task.count();
    await expect(
      invoke(resizeVolumeOp, api, { hostId, pool: pool.name, volume: asyncDisk, capacity: "1G" }),
    ).rejects.toThrow(/shrink/);
    expect(await db.task.count()).toBe(before);

    const remove = accepted(
      await invoke(deleteVmOp, api, { id: vmId, volumes: [`${pool.dir}/${asyncDisk}`] }),
    );
    const removed = await taskEnded(reader(remove.id), remove.id);
    expect(removed.state).toBe("succeeded");
    expect(removed.log.map((l) => l.line)).toContain(
      `Deleted the volume ${pool.name}/${asyncDisk}`,
    );
    expect(await virsh(lab.LAB_URI, "list", "--all", "--name")).not.toContain(asyncName);
    expect(await virsh(lab.LAB_URI, "vol-list", pool.name)).not.toContain(asyncDisk);
  });

  it("building a pool is a task; the other pool changes are not", async () => {
    await virsh(lab.LAB_URI, "pool-define-as", unbuilt.name, "dir", "--target", unbuilt.dir);
    expect(existsSync(unbuilt.dir)).toBe(false);
    const built = waited(
      await invoke(changePoolStateOp, { user }, { hostId, pool: unbuilt.name, action: "build" }),
    );
    expect(built.task).toBeDefined();
    expect(existsSync(unbuilt.dir)).toBe(true); // a dir pool's build makes its directory
    expect((await invoke(getTaskOp, { user }, { id: built.task! })).task).toMatchObject({
      kind: "pool.build",
      state: "succeeded",
    });
    await virsh(lab.LAB_URI, "pool-start", unbuilt.name);
    const started = await invoke(
      changePoolStateOp,
      { user },
      { hostId, pool: unbuilt.name, action: "refresh" },
    );
    expect(started).not.toHaveProperty("task");
  });
});
