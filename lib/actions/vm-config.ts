"use server";
import {
  attachDiskOp,
  bootOrderOp,
  detachDiskOp,
  liveVmXmlOp,
  readVmXmlOp,
  renameVmOp,
  saveVmXmlOp,
  vmCdromOp,
  vmDescriptionOp,
  vmResourcesOp,
} from "@/lib/vms/operations/config";
import { serverAction } from "./action";

export const vmResourcesAction = serverAction(vmResourcesOp);
export const vmDescriptionAction = serverAction(vmDescriptionOp);
export const renameVmAction = serverAction(renameVmOp);
export const vmCdromAction = serverAction(vmCdromOp);
/** Loads the persistent XML into the editor when the operator opens it (not a poll). */
export const readVmXmlAction = serverAction(readVmXmlOp);
export const saveVmXmlAction = serverAction(saveVmXmlOp);
/** The live XML without its secure parts: what a VM.Audit holder may read (title, description). */
export const readLiveVmXmlAction = serverAction(liveVmXmlOp);
export const attachDiskAction = serverAction(attachDiskOp);
export const detachDiskAction = serverAction(detachDiskOp);
export const bootOrderAction = serverAction(bootOrderOp);
