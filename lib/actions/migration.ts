"use server";
import {
  evacuateHostOp,
  migrateManyOp,
  migrateVmOp,
  migrationCheckOp,
} from "@/lib/migration/operations";
import { serverAction } from "./action";

export const migrateVmAction = serverAction(migrateVmOp);
/** The pre-flight checks for the choices in the dialog, each in words. */
export const migrationCheckAction = serverAction(migrationCheckOp);
export const migrateManyAction = serverAction(migrateManyOp);
export const evacuateHostAction = serverAction(evacuateHostOp);
