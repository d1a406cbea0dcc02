"use server";
import { changePasswordOp, signInOp, signOutOp } from "@/lib/auth/operations";
import {
  beginTotpOp,
  confirmTotpOp,
  passkeyChallengeOp,
  passkeyRegisterOp,
  passkeyRegisterOptionsOp,
  passkeySignInOp,
  removePasskeyOp,
  removeTotpOp,
  renewRecoveryCodesOp,
  resetSecondFactorsOp,
  secondFactorCodeOp,
  writeSignInPolicyOp,
} from "@/lib/auth/second-factor-operations";
import { serverAction } from "./action";

export const signInAction = serverAction(signInOp);
export const signOutAction = serverAction(signOutOp);
export const changePasswordAction = serverAction(changePasswordOp);

export const secondFactorCodeAction = serverAction(secondFactorCodeOp);
export const passkeyChallengeAction = serverAction(passkeyChallengeOp);
export const passkeySignInAction = serverAction(passkeySignInOp);

export const beginTotpAction = serverAction(beginTotpOp);
export const confirmTotpAction = serverAction(confirmTotpOp);
export const removeTotpAction = serverAction(removeTotpOp);
export const renewRecoveryCodesAction = serverAction(renewRecoveryCodesOp);
export const passkeyRegisterOptionsAction = serverAction(passkeyRegisterOptionsOp);
export const passkeyRegisterAction = serverAction(passkeyRegisterOp);
export const removePasskeyAction = serverAction(removePasskeyOp);

export const resetSecondFactorsAction = serverAction(resetSecondFactorsOp);
export const writeSignInPolicyAction = serverAction(writeSignInPolicyOp);
