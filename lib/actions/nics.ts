"use server";
import { nicTargetsOp } from "@/lib/networks/operations";
import { addNicOp, changeNicOp, removeNicOp } from "@/lib/vms/operations/nics";
import { serverAction } from "./action";

export const addNicAction = serverAction(addNicOp);
export const removeNicAction = serverAction(removeNicOp);
export const changeNicAction = serverAction(changeNicOp);
/** What a NIC can be put on: the host's networks and its own bridges (a read, not a change). */
export const nicTargetsAction = serverAction(nicTargetsOp);
