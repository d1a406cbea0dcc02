"use server";
import { migrateVmOp, migrationCheckOp } from "@/lib/migration/operations";
import { serverAction } from "./action";

export const migrateVmAction = serverAction(migrateVmOp);
/** The pre-flight checks for the choices in the dialog, each in words. */
export const migrationCheckAction = serverAction(migrationCheckOp);
