"use server";
import {
  addVmToGroupOp,
  createGroupOp,
  createRoleOp,
  createUserOp,
  createVmGroupOp,
  deleteGroupOp,
  deleteRoleOp,
  deleteUserOp,
  deleteVmGroupOp,
  explainMineOp,
  explainOp,
  grantOp,
  removeVmFromGroupOp,
  resetPasswordOp,
  revokeOp,
  updateGroupOp,
  updateRoleOp,
  updateUserOp,
} from "@/lib/access/operations";
import { serverAction } from "./action";

export const createUserAction = serverAction(createUserOp);
export const updateUserAction = serverAction(updateUserOp);
export const resetPasswordAction = serverAction(resetPasswordOp);
export const deleteUserAction = serverAction(deleteUserOp);
export const createGroupAction = serverAction(createGroupOp);
export const updateGroupAction = serverAction(updateGroupOp);
export const deleteGroupAction = serverAction(deleteGroupOp);
export const createRoleAction = serverAction(createRoleOp);
export const updateRoleAction = serverAction(updateRoleOp);
export const deleteRoleAction = serverAction(deleteRoleOp);
export const grantAction = serverAction(grantOp);
export const revokeAction = serverAction(revokeOp);
export const explainAction = serverAction(explainOp);
export const explainMineAction = serverAction(explainMineOp);
export const createVmGroupAction = serverAction(createVmGroupOp);
export const deleteVmGroupAction = serverAction(deleteVmGroupOp);
export const addVmToGroupAction = serverAction(addVmToGroupOp);
export const removeVmFromGroupAction = serverAction(removeVmFromGroupOp);
