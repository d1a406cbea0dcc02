"use server";
import { openConsoleOp } from "@/lib/consoles/operations";
import { serverAction } from "./action";

export const openConsoleAction = serverAction(openConsoleOp);
