"use server";
import {
  checkVmStepOp,
  cloneVmOp,
  createVmOp,
  createVmOptionsOp,
  deleteVmOp,
  previewVmXmlOp,
} from "@/lib/vms/operations/allocate";
import { serverAction } from "./action";

export const createVmAction = serverAction(createVmOp);
/** The review step: the same validation as create, and the XML that create would define. */
export const previewVmXmlAction = serverAction(previewVmXmlOp);
export const createVmOptionsAction = serverAction(createVmOptionsOp);
export const deleteVmAction = serverAction(deleteVmOp);
export const cloneVmAction = serverAction(cloneVmOp);
/** Each wizard step before Next: its fields with create's rules, and create's host checks. */
export const checkVmStepAction = serverAction(checkVmStepOp);
