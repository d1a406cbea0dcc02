"use server";
import {
  createSnapshotOp,
  deleteSnapshotOp,
  revertSnapshotOp,
} from "@/lib/vms/operations/snapshots";
import { serverAction } from "./action";

export const createSnapshotAction = serverAction(createSnapshotOp);
export const revertSnapshotAction = serverAction(revertSnapshotOp);
export const deleteSnapshotAction = serverAction(deleteSnapshotOp);
