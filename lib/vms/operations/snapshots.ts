// Internal snapshots: listing needs VM.Audit, taking, reverting and deleting VM.Snapshot. Taking
// and reverting run as tasks (saving or loading a running VM's memory takes seconds); libvirt
// cannot interrupt either once it has started.
import { operation } from "@/lib/access/operation";
import { createSnapshotSchema, snapshotRefSchema } from "@/lib/schemas/snapshot";
import { vmIdSchema } from "@/lib/schemas/vm";
import { startTask } from "@/lib/tasks/run-task";
import { deleteSnapshot, listSnapshots, planRevert, planSnapshot } from "@/lib/vms/snapshots";
import { onVm } from "./shared";

export const listSnapshotsOp = operation({
  name: "vm.snapshot.list",
  summary: "The snapshot tree, the current one marked",
  input: vmIdSchema,
  access: { privilege: "VM.Audit", ...onVm },
  audit: false,
  run: async ({ id }) => ({ snapshots: await listSnapshots(id) }),
});

export const createSnapshotOp = operation({
  name: "vm.snapshot.create",
  summary:
    "Takes a snapshot as a task (with the memory of a running VM unless memory is false); a name in use is refused at once",
  input: createSnapshotSchema,
  access: { privilege: "VM.Snapshot", ...onVm },
  audit: true,
  run: async (input, ctx) => {
    ctx.audit.detail = input.name;
    const plan = await planSnapshot(input);
    return startTask(
      ctx,
      {
        kind: "vm.snapshot.create",
        title: `Snapshot ${ctx.target?.vm?.name ?? input.id} as ${input.name}`,
        cancel: false,
      },
      async (task) => {
        task.progress({ phase: plan.memory ? "Saving memory and disks" : "Saving disks" });
        await plan.run();
        return { name: input.name };
      },
    );
  },
});

export const revertSnapshotOp = operation({
  name: "vm.snapshot.revert",
  summary:
    "Reverts the VM to the snapshot as a task (running or shut off, as it was then); an unknown snapshot is refused at once",
  input: snapshotRefSchema,
  access: { privilege: "VM.Snapshot", ...onVm },
  audit: true,
  run: async (input, ctx) => {
    ctx.audit.detail = input.name;
    const plan = await planRevert(input);
    return startTask(
      ctx,
      {
        kind: "vm.snapshot.revert",
        title: `Revert ${ctx.target?.vm?.name ?? input.id} to ${input.name}`,
        cancel: false,
      },
      async (task) => {
        task.progress({
          phase: plan.memory ? "Loading disks and memory" : "Reverting disks",
        });
        await plan.run();
        return { name: input.name };
      },
    );
  },
});

export const deleteSnapshotOp = operation({
  name: "vm.snapshot.delete",
  summary: "Deletes the snapshot",
  input: snapshotRefSchema,
  access: { privilege: "VM.Snapshot", ...onVm },
  audit: true,
  run: async (input, { audit }) => {
    audit.detail = input.name;
    await deleteSnapshot(input);
    return { name: input.name };
  },
});
