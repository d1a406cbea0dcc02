"use server";
import { changePasswordOp, signInOp, signOutOp } from "@/lib/auth/operations";
import { serverAction } from "./action";

export const signInAction = serverAction(signInOp);
export const signOutAction = serverAction(signOutOp);
export const changePasswordAction = serverAction(changePasswordOp);
