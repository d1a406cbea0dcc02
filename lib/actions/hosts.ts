"use server";
import {
  addHostOp,
  hostMaintenanceOp,
  hostMigrationOp,
  removeHostOp,
  testHostOp,
  updateHostOp,
} from "@/lib/hosts/operations";
import { serverAction } from "./action";

export const testHostAction = serverAction(testHostOp);
export const addHostAction = serverAction(addHostOp);
export const updateHostAction = serverAction(updateHostOp);
export const removeHostAction = serverAction(removeHostOp);
export const hostMigrationAction = serverAction(hostMigrationOp);
export const hostMaintenanceAction = serverAction(hostMaintenanceOp);
