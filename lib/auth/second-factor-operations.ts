// Second factors as operations: the sign-in's second step (a TOTP or recovery code, or a
// passkey), one's own factors (changes ask for the password again, so a borrowed session cannot
// swap them), and the administrator's reset and the sign-in policy (User.Modify on /).
import QRCode from "qrcode";
import { z } from "zod";
import { operation } from "@/lib/access/operation";
import { root } from "@/lib/access/targets";
import { getUser } from "@/lib/access/users";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { signInPolicySchema, userIdSchema } from "@/lib/schemas/access";
import {
  passkeyIdSchema,
  passkeyRegisterOptionsSchema,
  passkeyRegisterSchema,
  passkeySignInSchema,
  passwordConfirmSchema,
  secondFactorCodeSchema,
  totpConfirmSchema,
} from "@/lib/schemas/auth";
import { confirmPassword } from "./confirm-password";
import { clearSecondFactorCookie, readSecondFactorToken, setSessionCookie } from "./current-user";
import {
  passkeyRegistrationOptions,
  passkeySignInOptions,
  registerPasskey,
  removePasskey,
  verifyPasskeySignIn,
} from "./passkeys";
import {
  countPendingFailure,
  findPendingSignIn,
  PENDING_MAX_FAILURES,
  type PendingSignIn,
} from "./pending-sign-in";
import {
  beginTotp,
  checkSecondFactorCode,
  confirmTotp,
  readSignInPolicy,
  recoveryCodesIfNone,
  removeTotp,
  replaceRecoveryCodes,
  resetSecondFactors,
  secondFactorStatus,
  writeSignInPolicy,
} from "./second-factor";
import { enrolmentDone } from "./session-store";
import { finishSignIn } from "./sign-in";

const onRoot = { on: "root", target: () => root } as const;

/** The sign-in waiting in this browser's cookie, or the refusal that sends it back to the password. */
async function pendingOfCookie(): Promise<PendingSignIn> {
  const pending = await findPendingSignIn(await readSecondFactorToken());
  if (!pending)
    throw new AppError(
      "unauthorized",
      "This sign-in expired (five minutes) or was finished: enter your password again",
    );
  return pending;
}

async function signInWith(pending: PendingSignIn) {
  const session = await finishSignIn(pending);
  await clearSecondFactorCookie();
  await setSessionCookie(session.token, session.expiresAt);
  const user = await db.user.findUniqueOrThrow({ where: { id: pending.userId } });
  return { mustChangePassword: user.mustChangePassword };
}

export const secondFactorCodeOp = operation({
  name: "auth.second-factor",
  summary: "Finishes a sign-in with a TOTP code or a recovery code (after the password)",
  input: secondFactorCodeSchema,
  access: { open: "public" },
  audit: true,
  run: async ({ code }, { audit }) => {
    const pending = await pendingOfCookie();
    audit.user = { userId: pending.userId, username: pending.username };
    audit.target = pending.username;
    const check = await checkSecondFactorCode(pending.userId, code);
    if (!check.ok) {
      if (check.lockedNow) audit.detail = "TOTP locked after repeated wrong codes";
      // The ended sign-in's cookie is left to expire: clearing it would re-render the page away
      // from the message (the next password step replaces it anyway).
      if (await countPendingFailure(pending.id)) {
        throw new AppError(
          "unauthorized",
          `${check.reason}. After ${PENDING_MAX_FAILURES} wrong codes this sign-in ended: enter your password again`,
        );
      }
      throw new AppError("unauthorized", check.reason);
    }
    audit.detail =
      check.via === "totp"
        ? "with TOTP"
        : `with a recovery code (${check.recoveryCodesLeft} left; TOTP unlocked)`;
    return {
      ...(await signInWith(pending)),
      recoveryCodesLeft: check.via === "recovery" ? check.recoveryCodesLeft : null,
    };
  },
});

export const passkeyChallengeOp = operation({
  name: "auth.passkey-challenge",
  summary: "A WebAuthn challenge for the sign-in waiting for its second factor",
  input: z.object({}),
  access: { open: "public" },
  audit: false,
  run: async (_input, { origin }) => ({
    options: await passkeySignInOptions(await pendingOfCookie(), origin),
  }),
});

export const passkeySignInOp = operation({
  name: "auth.passkey",
  summary: "Finishes a sign-in with a passkey's answer to the challenge",
  input: passkeySignInSchema,
  access: { open: "public" },
  audit: true,
  run: async ({ response }, { audit, origin }) => {
    const pending = await pendingOfCookie();
    audit.user = { userId: pending.userId, username: pending.username };
    audit.target = pending.username;
    const { name } = await verifyPasskeySignIn(pending, response as never, origin);
    audit.detail = `with passkey ${name}`;
    return { ...(await signInWith(pending)), recoveryCodesLeft: null };
  },
});

// --- One's own factors ----------------------------------------------------------------------

export const mySecondFactorsOp = operation({
  name: "second-factor.status",
  summary: "Your second factors: TOTP, recovery codes left, passkeys; whether one is required",
  input: z.object({}),
  access: { open: "self", duringSetup: true },
  audit: false,
  run: async (_input, { user }) => secondFactorStatus(user.userId),
});

export const beginTotpOp = operation({
  name: "totp.begin",
  summary: "Starts setting up TOTP: a new key as an otpauth:// URI, a QR code and text",
  input: passwordConfirmSchema,
  access: { open: "self", duringSetup: true },
  audit: true,
  run: async ({ password }, { user, audit }) => {
    audit.target = user.username;
    await confirmPassword(user.userId, password);
    const { uri, manualKey } = await beginTotp(user.userId, user.username);
    const qrCode = await QRCode.toDataURL(uri, { margin: 2, width: 200 });
    return { uri, manualKey, qrCode };
  },
});

export const confirmTotpOp = operation({
  name: "totp.confirm",
  summary:
    "Finishes setting up TOTP with a code from the app; the first factor brings 10 recovery codes",
  input: totpConfirmSchema,
  access: { open: "self", duringSetup: true },
  audit: true,
  run: async ({ code }, { user, audit }) => {
    audit.target = user.username;
    const result = await confirmTotp(user.userId, code);
    await enrolmentDone(user.userId);
    if (result.recoveryCodes) audit.detail = "10 recovery codes made";
    return result;
  },
});

export const removeTotpOp = operation({
  name: "totp.remove",
  summary: "Removes your TOTP factor",
  input: passwordConfirmSchema,
  access: { open: "self" },
  audit: true,
  run: async ({ password }, { user, audit }) => {
    audit.target = user.username;
    await confirmPassword(user.userId, password);
    await removeTotp(user.userId);
    return { removed: true };
  },
});

export const renewRecoveryCodesOp = operation({
  name: "recovery-codes.renew",
  summary: "Ten new recovery codes (shown once); the old ones stop working",
  input: passwordConfirmSchema,
  access: { open: "self" },
  audit: true,
  run: async ({ password }, { user, audit }) => {
    audit.target = user.username;
    await confirmPassword(user.userId, password);
    return { recoveryCodes: await replaceRecoveryCodes(user.userId) };
  },
});

export const passkeyRegisterOptionsOp = operation({
  name: "passkey.register-options",
  summary: "Starts registering a passkey: the WebAuthn creation options for the browser",
  input: passkeyRegisterOptionsSchema,
  access: { open: "self", duringSetup: true },
  audit: true,
  run: async ({ password, name }, { user, audit, origin }) => {
    audit.target = `${user.username}: ${name}`;
    if (user.tokenId) throw new AppError("forbidden", "An API token cannot register passkeys");
    await confirmPassword(user.userId, password);
    return { options: await passkeyRegistrationOptions(user, name, origin) };
  },
});

export const passkeyRegisterOp = operation({
  name: "passkey.register",
  summary: "Finishes registering a passkey with the browser's answer",
  input: passkeyRegisterSchema,
  access: { open: "self", duringSetup: true },
  audit: true,
  run: async ({ response }, { user, audit, origin }) => {
    const passkey = await registerPasskey(user, response as never, origin);
    audit.target = `${user.username}: ${passkey.name}`;
    await enrolmentDone(user.userId);
    return { passkey, recoveryCodes: await recoveryCodesIfNone(user.userId) };
  },
});

export const removePasskeyOp = operation({
  name: "passkey.remove",
  summary: "Removes one of your passkeys",
  input: passkeyIdSchema,
  access: { open: "self" },
  audit: true,
  run: async ({ id, password }, { user, audit }) => {
    await confirmPassword(user.userId, password);
    const { name } = await removePasskey(user.userId, id);
    audit.target = `${user.username}: ${name}`;
    return { id };
  },
});

// --- Administration -------------------------------------------------------------------------

export const resetSecondFactorsOp = operation({
  name: "user.reset-second-factors",
  summary: "Removes a user's TOTP, recovery codes and passkeys (a lost phone or key)",
  input: userIdSchema,
  access: { privilege: "User.Modify", ...onRoot },
  audit: true,
  run: async ({ id }, { audit }) => {
    audit.target = (await getUser(id)).username;
    const { removed } = await resetSecondFactors(id);
    audit.detail = removed.length ? `removed ${removed.join(", ")}` : "had no second factor";
    return { removed };
  },
});

export const readSignInPolicyOp = operation({
  name: "sign-in.policy",
  summary: "Who must sign in with a second factor",
  input: z.object({}),
  access: { privilege: "User.Modify", ...onRoot },
  audit: false,
  run: async () => readSignInPolicy(),
});

export const writeSignInPolicyOp = operation({
  name: "sign-in.policy-set",
  summary: "Sets who must sign in with a second factor: everyone, or the holders of some roles",
  input: signInPolicySchema,
  access: { privilege: "User.Modify", ...onRoot },
  audit: true,
  run: async (input, { audit }) => {
    audit.target = "sign-in policy";
    const policy = await writeSignInPolicy(input);
    audit.detail = policy.secondFactorForEveryone
      ? "second factor: everyone"
      : `second factor: ${policy.secondFactorRoles.join(", ") || "nobody required"}`;
    return policy;
  },
});
