"use server";
import { addNicOp, changeNicOp, removeNicOp } from "@/lib/vms/operations/nics";
import { serverAction } from "./action";

export const addNicAction = serverAction(addNicOp);
export const removeNicAction = serverAction(removeNicOp);
export const changeNicAction = serverAction(changeNicOp);
