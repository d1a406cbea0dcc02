"use server";
import { cancelTaskOp } from "@/lib/tasks/operations";
import { serverAction } from "./action";

export const cancelTaskAction = serverAction(cancelTaskOp);
