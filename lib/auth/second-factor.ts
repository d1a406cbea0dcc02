// Second factors: TOTP (with its recovery codes) and passkeys (lib/auth/passkeys.ts), who must
// have one (the sign-in policy: everyone, or whoever holds one of some roles anywhere), and the
// checks a sign-in's second step makes. Eight wrong TOTP codes in a row lock TOTP until a
// recovery code is used; a recovery code works once.
import { BUILTIN_ROLES } from "@/lib/access/privileges";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { open, seal } from "@/lib/secrets/box";
import { newRecoveryCode, RECOVERY_CODE_COUNT, recoveryCodeHash } from "./recovery-codes";
import { acceptedStep, newTotpKey, TOTP_MAX_FAILURES, totpEnrolment } from "./totp";

export interface PasskeyRow {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
}

export interface SecondFactorStatus {
  /** off: none; enrolling: a key was shown but no code confirmed it yet; locked: too many wrong codes. */
  totp: "off" | "enrolling" | "on" | "locked";
  recoveryCodesLeft: number;
  passkeys: PasskeyRow[];
  /** The sign-in policy asks this user for a second factor. */
  required: boolean;
}

export async function secondFactorStatus(userId: string): Promise<SecondFactorStatus> {
  const [totp, recoveryCodesLeft, passkeys, required] = await Promise.all([
    db.totpFactor.findUnique({ where: { userId } }),
    db.recoveryCode.count({ where: { userId, usedAt: null } }),
    db.passkey.findMany({ where: { userId }, orderBy: { createdAt: "asc" } }),
    secondFactorRequired(userId),
  ]);
  return {
    totp: !totp ? "off" : !totp.confirmedAt ? "enrolling" : totp.lockedAt ? "locked" : "on",
    recoveryCodesLeft,
    passkeys: passkeys.map((p) => ({
      id: p.id,
      name: p.name,
      createdAt: p.createdAt.toISOString(),
      lastUsedAt: p.lastUsedAt?.toISOString() ?? null,
    })),
    required,
  };
}

/** The factors a sign-in can ask for (a locked TOTP still counts: a recovery code opens it). */
export async function enrolledFactors(
  userId: string,
): Promise<{ totp: boolean; passkey: boolean }> {
  const [totp, passkeys] = await Promise.all([
    db.totpFactor.count({ where: { userId, confirmedAt: { not: null } } }),
    db.passkey.count({ where: { userId } }),
  ]);
  return { totp: totp > 0, passkey: passkeys > 0 };
}

// --- The policy -----------------------------------------------------------------------------

export interface SignInPolicy {
  secondFactorForEveryone: boolean;
  secondFactorRoles: string[];
}

export async function readSignInPolicy(): Promise<SignInPolicy> {
  const row = await db.signInPolicy.findUnique({ where: { id: 1 } });
  return {
    secondFactorForEveryone: row?.secondFactorForEveryone ?? false,
    secondFactorRoles: (row?.secondFactorRoles ?? "").split(" ").filter(Boolean),
  };
}

export async function writeSignInPolicy(policy: SignInPolicy): Promise<SignInPolicy> {
  const roles = [...new Set(policy.secondFactorRoles)].sort();
  const custom = await db.role.findMany({ where: { name: { in: roles } }, select: { name: true } });
  const known = new Set([...Object.keys(BUILTIN_ROLES), ...custom.map((r) => r.name)]);
  const unknown = roles.filter((r) => !known.has(r));
  if (unknown.length > 0)
    throw new AppError("invalid", `secondFactorRoles: no role named ${unknown.join(", ")}`, {
      secondFactorRoles: [`No role named ${unknown.join(", ")}`],
    });
  const data = {
    secondFactorForEveryone: policy.secondFactorForEveryone,
    secondFactorRoles: roles.join(" "),
  };
  await db.signInPolicy.upsert({ where: { id: 1 }, create: { id: 1, ...data }, update: data });
  return { secondFactorForEveryone: data.secondFactorForEveryone, secondFactorRoles: roles };
}

/** Whether the policy asks this user for a second factor: everyone, or a role held anywhere. */
export async function secondFactorRequired(userId: string): Promise<boolean> {
  const policy = await readSignInPolicy();
  if (policy.secondFactorForEveryone) return true;
  if (policy.secondFactorRoles.length === 0) return false;
  const groups = await db.groupMember.findMany({ where: { userId }, select: { groupId: true } });
  const held = await db.aclEntry.count({
    where: {
      role: { in: policy.secondFactorRoles },
      OR: [
        { subjectType: "user", subjectId: userId },
        { subjectType: "group", subjectId: { in: groups.map((g) => g.groupId) } },
      ],
    },
  });
  return held > 0;
}

/** Refuses to take away a user's last factor while the policy requires one. */
export async function refuseLastRequiredFactor(
  userId: string,
  removing: "totp" | "passkey",
): Promise<void> {
  const [totp, passkeys, required] = await Promise.all([
    db.totpFactor.count({ where: { userId, confirmedAt: { not: null } } }),
    db.passkey.count({ where: { userId } }),
    secondFactorRequired(userId),
  ]);
  const left = removing === "totp" ? passkeys : passkeys - 1 + totp;
  if (required && left <= 0)
    throw new AppError(
      "conflict",
      "Your sign-in needs a second factor (the sign-in policy): add another before removing this one",
    );
}

// --- TOTP enrolment -------------------------------------------------------------------------

/** A new key, shown as a QR code and as text; it counts once a code from it is confirmed. */
export async function beginTotp(userId: string, username: string) {
  const existing = await db.totpFactor.findUnique({ where: { userId } });
  if (existing?.confirmedAt)
    throw new AppError("conflict", "TOTP is already set up: remove it first to set up a new one");
  const key = newTotpKey();
  const sealedSecret = seal(Buffer.from(key).toString("base64"));
  await db.totpFactor.upsert({
    where: { userId },
    create: { userId, sealedSecret },
    update: { sealedSecret, lastStep: 0, failures: 0, lockedAt: null },
  });
  return totpEnrolment(key, username);
}

function keyOf(sealedSecret: string): Uint8Array {
  return new Uint8Array(Buffer.from(open(sealedSecret), "base64"));
}

/** Confirms the key with a code from the app; the first factor also brings recovery codes. */
export async function confirmTotp(
  userId: string,
  code: string,
): Promise<{ recoveryCodes: string[] | null }> {
  const factor = await db.totpFactor.findUnique({ where: { userId } });
  if (!factor) throw new AppError("conflict", "Start setting up TOTP first");
  if (factor.confirmedAt) throw new AppError("conflict", "TOTP is already set up");
  const step = acceptedStep(keyOf(factor.sealedSecret), code, Date.now(), factor.lastStep);
  if (step === null)
    throw new AppError("invalid", "code: that is not the code your app shows now", {
      code: ["That is not the code your app shows now (is the phone's clock right?)"],
    });
  await db.totpFactor.update({
    where: { userId },
    data: { confirmedAt: new Date(), lastStep: step },
  });
  return { recoveryCodes: await recoveryCodesIfNone(userId) };
}

/** A new factor brings ten recovery codes when the user has none left (shown once); else null. */
export async function recoveryCodesIfNone(userId: string): Promise<string[] | null> {
  const left = await db.recoveryCode.count({ where: { userId, usedAt: null } });
  return left > 0 ? null : replaceRecoveryCodes(userId);
}

export async function removeTotp(userId: string): Promise<void> {
  const factor = await db.totpFactor.findUnique({ where: { userId } });
  if (!factor) throw new AppError("not_found", "TOTP is not set up");
  if (factor.confirmedAt) await refuseLastRequiredFactor(userId, "totp");
  await db.totpFactor.delete({ where: { userId } });
}

/** Ten new recovery codes (shown once); the old ones stop working. */
export async function replaceRecoveryCodes(userId: string): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await db.$transaction([
    db.recoveryCode.deleteMany({ where: { userId } }),
    db.recoveryCode.createMany({
      data: codes.map((c) => ({ userId, codeHash: recoveryCodeHash(c) })),
    }),
  ]);
  return codes;
}

/** An administrator's reset (a lost phone): TOTP, recovery codes and passkeys go. */
export async function resetSecondFactors(userId: string): Promise<{ removed: string[] }> {
  const [totp, codes, passkeys] = await db.$transaction([
    db.totpFactor.deleteMany({ where: { userId } }),
    db.recoveryCode.deleteMany({ where: { userId } }),
    db.passkey.deleteMany({ where: { userId } }),
  ]);
  const removed = [
    totp.count ? "TOTP" : null,
    codes.count ? `${codes.count} recovery code(s)` : null,
    passkeys.count ? `${passkeys.count} passkey(s)` : null,
  ].filter((s): s is string => s !== null);
  return { removed };
}

// --- The second step of a sign-in -----------------------------------------------------------

export type CodeCheck =
  | { ok: true; via: "totp" }
  | { ok: true; via: "recovery"; recoveryCodesLeft: number }
  | { ok: false; reason: string; lockedNow: boolean };

/**
 * A code typed at the second step: a recovery code (which also unlocks TOTP), or a TOTP code
 * (counted: the eighth wrong one in a row locks TOTP).
 */
export async function checkSecondFactorCode(userId: string, typed: string): Promise<CodeCheck> {
  const code = typed.trim();
  if (!/^\d{3} ?\d{3}$/.test(code)) {
    const used = await db.recoveryCode.updateMany({
      where: { userId, codeHash: recoveryCodeHash(code), usedAt: null },
      data: { usedAt: new Date() },
    });
    if (used.count === 0)
      return { ok: false, reason: "Wrong or used recovery code", lockedNow: false };
    await db.totpFactor.updateMany({ where: { userId }, data: { failures: 0, lockedAt: null } });
    const left = await db.recoveryCode.count({ where: { userId, usedAt: null } });
    return { ok: true, via: "recovery", recoveryCodesLeft: left };
  }
  const factor = await db.totpFactor.findUnique({ where: { userId } });
  if (!factor?.confirmedAt)
    return { ok: false, reason: "TOTP is not set up for you", lockedNow: false };
  if (factor.lockedAt)
    return {
      ok: false,
      reason: `TOTP is locked after ${TOTP_MAX_FAILURES} wrong codes: use a recovery code`,
      lockedNow: false,
    };
  const step = acceptedStep(keyOf(factor.sealedSecret), code, Date.now(), factor.lastStep);
  if (step !== null) {
    // Only one request can move lastStep past this step: the same code twice at once loses once.
    const won = await db.totpFactor.updateMany({
      where: { userId, lastStep: factor.lastStep },
      data: { lastStep: step, failures: 0 },
    });
    if (won.count === 1) return { ok: true, via: "totp" };
  }
  const failures = factor.failures + 1;
  const lockedNow = failures >= TOTP_MAX_FAILURES;
  await db.totpFactor.update({
    where: { userId },
    data: { failures, lockedAt: lockedNow ? new Date() : null },
  });
  return {
    ok: false,
    reason: lockedNow
      ? `Wrong code. TOTP is now locked after ${TOTP_MAX_FAILURES} wrong codes: use a recovery code`
      : "Wrong code",
    lockedNow,
  };
}
