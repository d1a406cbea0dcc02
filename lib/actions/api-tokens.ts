"use server";
import { grantMyTokenOp } from "@/lib/access/operations";
import {
  createTokenOp,
  endAnySessionOp,
  endMySessionOp,
  liftLockoutOp,
  revokeAnyTokenOp,
  revokeMyTokenOp,
} from "@/lib/auth/operations";
import { serverAction } from "./action";

/** Returns the token itself this once; it is never shown again. */
export const createApiTokenAction = serverAction(createTokenOp);
export const revokeApiTokenAction = serverAction(revokeMyTokenOp);
export const grantTokenAction = serverAction(grantMyTokenOp);
export const revokeAnyTokenAction = serverAction(revokeAnyTokenOp);
export const endSessionAction = serverAction(endMySessionOp);
export const endAnySessionAction = serverAction(endAnySessionOp);
export const liftLockoutAction = serverAction(liftLockoutOp);
