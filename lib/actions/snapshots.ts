"use server";
import { createSnapshotSchema, snapshotRefSchema } from "@/lib/schemas/snapshot";
import { createSnapshot, deleteSnapshot, revertSnapshot } from "@/lib/vms/snapshots";
import { authedAction } from "./action";

export const createSnapshotAction = authedAction(createSnapshotSchema, async (input, user) => {
  await createSnapshot(user, input);
  return { name: input.name };
});

export const revertSnapshotAction = authedAction(snapshotRefSchema, async (input, user) => {
  await revertSnapshot(user, input);
  return { name: input.name };
});

export const deleteSnapshotAction = authedAction(snapshotRefSchema, async (input, user) => {
  await deleteSnapshot(user, input);
  return { name: input.name };
});
