// Internal snapshots: listing needs VM.Audit, taking, reverting and deleting VM.Snapshot.
import { operation } from "@/lib/access/operation";
import { createSnapshotSchema, snapshotRefSchema } from "@/lib/schemas/snapshot";
import { vmIdSchema } from "@/lib/schemas/vm";
import { createSnapshot, deleteSnapshot, listSnapshots, revertSnapshot } from "@/lib/vms/snapshots";
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
  summary: "Takes a snapshot (with the memory of a running VM unless memory is false)",
  input: createSnapshotSchema,
  access: { privilege: "VM.Snapshot", ...onVm },
  audit: true,
  run: async (input, { audit }) => {
    audit.detail = input.name;
    await createSnapshot(input);
    return { name: input.name };
  },
});

export const revertSnapshotOp = operation({
  name: "vm.snapshot.revert",
  summary: "Reverts the VM to the snapshot (running or shut off, as it was then)",
  input: snapshotRefSchema,
  access: { privilege: "VM.Snapshot", ...onVm },
  audit: true,
  run: async (input, { audit }) => {
    audit.detail = input.name;
    await revertSnapshot(input);
    return { name: input.name };
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
