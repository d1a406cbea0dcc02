"use server";
import { forgetVmOp, vmAddressesOp, vmLabelsOp } from "@/lib/vms/operations/inventory";
import { bulkPowerOp, powerVmOp, vmAutostartOp } from "@/lib/vms/operations/power";
import { serverAction } from "./action";

export const powerVmAction = serverAction(powerVmOp);
export const vmAutostartAction = serverAction(vmAutostartOp);
/** Runs the action on each VM independently: one failure does not stop the others. */
export const vmBulkAction = serverAction(bulkPowerOp);
export const vmLabelsAction = serverAction(vmLabelsOp);
export const forgetVmAction = serverAction(forgetVmOp);
export const vmAddressesAction = serverAction(vmAddressesOp);
