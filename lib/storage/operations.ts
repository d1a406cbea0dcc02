// Storage: Datastore.Audit to see a pool and its volumes, Datastore.AllocateSpace for volumes
// (create, upload, download, clone, resize, delete), Datastore.Allocate for pools (create on the
// host; build, start, stop, refresh, autostart, delete on the pool).
import { z } from "zod";
import { forgetPoolAccess } from "@/lib/access/forget-object";
import { operation } from "@/lib/access/operation";
import { displayPath } from "@/lib/access/paths";
import { host, pool } from "@/lib/access/targets";
import { AppError } from "@/lib/errors";
import {
  cloneVolumeSchema,
  createPoolSchema,
  createVolumeSchema,
  deletePoolSchema,
  deleteVolumeSchema,
  poolActionSchema,
  poolRefSchema,
  resizeVolumeSchema,
  uploadVolumeSchema,
  volumeRefSchema,
} from "@/lib/schemas/storage";
import { runTaskAsAsked, runTaskInRequest, startTask } from "@/lib/tasks/run-task";
import { isAcceptedTask } from "@/lib/tasks/summary";
import { requirePoolUnderRoots } from "./allowed-paths";
import { createVolume } from "./create-volume";
import { downloadVolume } from "./download-volume";
import { changePoolState, createPool, deletePool } from "./pool-actions";
import {
  getPoolDetail,
  hostPoolTypes,
  listHostPools,
  listHostVolumes,
  listPoolVolumes,
} from "./read-storage";
import { formatBytes } from "./sizes";
import { planUpload } from "./upload-volume";
import { deleteVolume, planResize, planVolumeCopy } from "./volume-actions";

const hostIdInput = z.object({ hostId: z.string().min(1).max(64) });
const onPool = {
  on: "pool",
  target: (i: { hostId: string; pool: string }) => pool(i.hostId, i.pool),
} as const;

export const listPoolsOp = operation({
  name: "pool.list",
  summary: "The host's pools you may see, read live, and the pool types it can create",
  input: hostIdInput,
  access: { filtered: "Datastore.Audit" },
  audit: false,
  run: async ({ hostId }, { access }) => {
    const [pools, poolTypes] = await Promise.all([
      listHostPools(hostId, access),
      hostPoolTypes(hostId),
    ]);
    return { pools, poolTypes };
  },
});

export const listHostVolumesOp = operation({
  name: "volume.list-host",
  summary: "Every pool of the host you may see, with its volumes (for disk pickers)",
  input: hostIdInput,
  access: { filtered: "Datastore.Audit" },
  audit: false,
  run: async ({ hostId }, { access }) => ({ pools: await listHostVolumes(hostId, access) }),
});

export const getPoolOp = operation({
  name: "pool.get",
  summary: "The pool, its volumes (with the VMs using them) and its XML",
  input: poolRefSchema,
  access: { privilege: "Datastore.Audit", ...onPool },
  audit: false,
  run: async (ref, { access }) => ({ pool: await getPoolDetail(ref.hostId, ref.pool, access) }),
});

export const listVolumesOp = operation({
  name: "volume.list",
  summary: "The pool's volumes: name, path, format, capacity, allocation, VMs using them",
  input: poolRefSchema,
  access: { privilege: "Datastore.Audit", ...onPool },
  audit: false,
  run: async (ref, { access }) => ({
    volumes: await listPoolVolumes(ref.hostId, ref.pool, access),
  }),
});

export const createPoolOp = operation({
  name: "pool.create",
  summary:
    "Defines a dir, logical or netfs pool; builds, starts and autostarts it unless told not. Outside the allowed roots it needs Sys.Modify on /",
  input: createPoolSchema,
  access: { privilege: "Datastore.Allocate", on: "host", target: (i) => host(i.hostId) },
  audit: true,
  run: async (input, { audit, target, access }) => {
    audit.target = `${input.name} on ${target?.hostName ?? input.hostId}`;
    audit.objectPath = displayPath({ kind: "pool", hostId: input.hostId, pool: input.name });
    requirePoolUnderRoots(access, input);
    await createPool(input);
    return { hostId: input.hostId, pool: input.name };
  },
});

export const changePoolStateOp = operation({
  name: "pool.state",
  summary: "build, start, stop, refresh, or autostart (with on: false to turn it off)",
  input: poolActionSchema,
  access: { privilege: "Datastore.Allocate", ...onPool },
  audit: true,
  auditAction: (input) =>
    input.action === "autostart"
      ? `pool.autostart.${input.on ? "on" : "off"}`
      : `pool.${input.action}`,
  run: async (input, ctx) => {
    // Building formats or creates the pool's storage (mkfs for a file system pool): a task the
    // request waits for, in the pool's host history. The other changes are single quick calls.
    if (input.action !== "build") await changePoolState(input);
    else {
      const title = `Build the pool ${input.pool}`;
      const ran = await runTaskAsAsked(ctx, { kind: "pool.build", title, cancel: false }, () =>
        changePoolState(input),
      );
      if (isAcceptedTask(ran)) return ran;
      return { hostId: input.hostId, pool: input.pool, task: ran.task.id };
    }
    return { hostId: input.hostId, pool: input.pool };
  },
});

export const deletePoolOp = operation({
  name: "pool.delete",
  summary: "Stops and removes the pool (deleteStorage: its directory too); refused while in use",
  input: deletePoolSchema,
  access: { privilege: "Datastore.Allocate", ...onPool },
  audit: true,
  run: async (input, { audit }) => {
    if (input.deleteStorage) audit.detail = "with its storage";
    await deletePool(input, input.deleteStorage);
    await forgetPoolAccess(input.hostId, input.pool);
    return { hostId: input.hostId, pool: input.pool };
  },
});

export const createVolumeOp = operation({
  name: "volume.create",
  summary: "Creates a qcow2 or raw volume (size as 20G), optionally on a backing volume",
  input: createVolumeSchema,
  access: { privilege: "Datastore.AllocateSpace", ...onPool },
  audit: true,
  run: async (input, { audit }) => {
    audit.detail = input.name;
    return createVolume(input);
  },
});

export const resizeVolumeOp = operation({
  name: "volume.resize",
  summary: "Grows the volume (or shrinks it, with shrink: true)",
  input: resizeVolumeSchema,
  access: { privilege: "Datastore.AllocateSpace", ...onPool },
  audit: true,
  run: async (input, ctx) => {
    ctx.audit.detail = `${input.volume} to ${input.capacity} bytes`;
    // libvirt resizes in one call it cannot interrupt: no cancel.
    const title = `Resize ${input.pool}/${input.volume} to ${formatBytes(input.capacity)}`;
    const resize = await planResize(input, input.capacity, input.shrink); // refusals first
    const ran = await runTaskAsAsked(ctx, { kind: "volume.resize", title, cancel: false }, resize);
    if (isAcceptedTask(ran)) return ran;
    return { volume: input.volume, capacity: input.capacity, task: ran.task.id };
  },
});

export const cloneVolumeOp = operation({
  name: "volume.clone",
  summary: "Copies the volume into a new one of the same pool, as a task",
  input: cloneVolumeSchema,
  access: { privilege: "Datastore.AllocateSpace", ...onPool },
  audit: true,
  run: async (input, ctx) => {
    ctx.audit.detail = `${input.volume} → ${input.name}`;
    const copy = await planVolumeCopy(input, input.name);
    const title = `Copy ${copy.label}`;
    // libvirt copies a volume in one call that cannot be interrupted: no cancel.
    return startTask(ctx, { kind: "volume.clone", title, cancel: false }, async (task) => {
      task.progress({ phase: copy.label, done: 0, total: copy.bytes, unit: "bytes" });
      const made = await copy.run((p) => task.progress({ done: p.done }));
      return { volume: made.name, path: made.path };
    });
  },
});

export const deleteVolumeOp = operation({
  name: "volume.delete",
  summary: "Deletes the volume; refused while a VM has a disk on it",
  input: deleteVolumeSchema,
  access: { privilege: "Datastore.AllocateSpace", ...onPool },
  audit: true,
  run: async (input, { audit }) => {
    audit.detail = input.volume;
    await deleteVolume(input);
    return { volume: input.volume };
  },
});

export const uploadVolumeOp = operation({
  name: "volume.upload",
  summary: "Streams the request body (with its Content-Length) into a new volume",
  input: uploadVolumeSchema,
  access: { privilege: "Datastore.AllocateSpace", ...onPool },
  audit: true,
  run: async (input, ctx) => {
    ctx.audit.detail = `${input.name} (${input.size} bytes)`;
    const body = ctx.body;
    if (!body) throw new AppError("invalid", "The request has no body");
    const upload = await planUpload(input); // its refusals come before any task
    const title = `Upload ${input.name} into ${input.pool}`;
    const cancel = "stops the upload and deletes the partial volume";
    const { task, result } = await runTaskInRequest(
      ctx,
      { kind: "volume.upload", title, cancel },
      (run) => {
        run.progress({ phase: title, done: 0, total: input.size, unit: "bytes" });
        return upload(body, {
          signal: run.signal,
          onBytes: (done) => run.progress({ done }),
        });
      },
    );
    return { volume: result, task };
  },
});

/** Reading a volume hands out the whole disk's contents: it needs what writing it needs. */
export const downloadVolumeOp = operation({
  name: "volume.download",
  summary: "The volume's bytes, streamed",
  input: volumeRefSchema,
  access: { privilege: "Datastore.AllocateSpace", ...onPool },
  audit: true,
  run: async (ref, ctx) => {
    ctx.audit.detail = ref.volume;
    // Opened first: an unknown volume or an offline host is refused at once, with no task.
    const download = await downloadVolume(ref);
    const title = `Download ${ref.volume} from ${ref.pool}`;
    const task = await startTask(
      ctx,
      { kind: "volume.download", title, cancel: "stops sending: the browser's download fails" },
      async (run) => {
        run.progress({ phase: title, done: 0, total: download.size, unit: "bytes" });
        run.onCancel(() => download.abort());
        const bytes = await download.sent((done) => run.progress({ done }));
        return { volume: ref.volume, bytes };
      },
    );
    return { name: ref.volume, body: download.body, task: task.id };
  },
});
