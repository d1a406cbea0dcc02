"use server";
import {
  changePoolStateOp,
  cloneVolumeOp,
  createPoolOp,
  createVolumeOp,
  deletePoolOp,
  deleteVolumeOp,
  resizeVolumeOp,
} from "@/lib/storage/operations";
import { serverAction } from "./action";

export const createPoolAction = serverAction(createPoolOp);
export const changePoolStateAction = serverAction(changePoolStateOp);
export const deletePoolAction = serverAction(deletePoolOp);
export const createVolumeAction = serverAction(createVolumeOp);
export const resizeVolumeAction = serverAction(resizeVolumeOp);
export const cloneVolumeAction = serverAction(cloneVolumeOp);
export const deleteVolumeAction = serverAction(deleteVolumeOp);
