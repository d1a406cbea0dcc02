import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { SignInInput } from "@/lib/schemas/auth";
import { hashPassword, verifyPassword } from "./password";
import { endPendingSignIn, type PendingSignIn, startPendingSignIn } from "./pending-sign-in";
import { enrolledFactors, secondFactorRequired } from "./second-factor";
import { createSession } from "./session-store";
import {
  clearFailures,
  decide,
  recentFailures,
  recordFailure,
  throttleConfig,
} from "./sign-in-throttle";

// Verified against when the user does not exist, so both paths cost one argon2 verification.
let dummyHash: Promise<string> | undefined;

export interface SignInClient {
  address: string;
  userAgent: string | null;
}

interface SignedInUser {
  id: string;
  username: string;
  mustChangePassword: boolean;
}

export type SignInOutcome =
  | { ok: true; step: "signed-in"; user: SignedInUser; token: string; expiresAt: Date }
  /** The password was right; the sign-in waits for a second factor (the token is the cookie's). */
  | {
      ok: true;
      step: "second-factor";
      user: SignedInUser;
      token: string;
      expiresAt: Date;
      factors: { totp: boolean; passkey: boolean };
    }
  | { ok: false; reason: string; lockedNow: boolean };

async function passwordMatches(username: string, password: string) {
  const user = await db.user.findUnique({
    where: { username },
    include: { _count: { select: { externalIdentities: true } } },
  });
  if (!user) {
    dummyHash ??= hashPassword("virtdeck-timing-equaliser");
    await verifyPassword(await dummyHash, password);
    return null;
  }
  return (await verifyPassword(user.passwordHash, password)) ? user : null;
}

/**
 * Signs in: throttled attempts are refused (429) before any hashing; a wrong password, an unknown
 * or disabled user read the same; an expired one-time password says so only to its holder.
 */
export async function signIn(input: SignInInput, client: SignInClient): Promise<SignInOutcome> {
  const config = throttleConfig();
  const recent = await recentFailures(input.username, client.address, config);
  const decision = decide(recent, Date.now(), config);
  if (!decision.allowed) {
    const when = decision.until.toISOString().slice(11, 19);
    throw new AppError(
      "too_many",
      decision.locked
        ? `Too many failed sign-ins for ${input.username} from this address: locked until ${when} UTC (an administrator can lift it sooner)`
        : `Too many failed sign-ins: wait ${decision.retryAfterSeconds} s before trying again`,
      undefined,
      decision.retryAfterSeconds,
    );
  }
  const user = await passwordMatches(input.username, input.password);
  // A disabled user's right password is refused with the same words as a wrong one, and so is
  // any password of a user who signs in with single sign-on (the identity provider decides).
  if (!user || user.disabled || user._count.externalIdentities > 0) {
    const lockedNow = await recordFailure(input.username, client.address, recent, config);
    return { ok: false, reason: "Wrong username or password", lockedNow };
  }
  await clearFailures(input.username, client.address);
  if (
    user.mustChangePassword &&
    user.oneTimePasswordExpiresAt &&
    user.oneTimePasswordExpiresAt <= new Date()
  )
    return {
      ok: false,
      reason: "This one-time password has expired: ask an administrator for a new one",
      lockedNow: false,
    };
  const factors = await enrolledFactors(user.id);
  if (factors.totp || factors.passkey) {
    const pending = await startPendingSignIn(user.id, client.userAgent);
    return { ok: true, step: "second-factor", user, factors, ...pending };
  }
  // Without a factor where the policy requires one, the session may only enrol one.
  const mustEnrol = await secondFactorRequired(user.id);
  const session = await createSession(user.id, client.userAgent, new Date(), mustEnrol);
  return { ok: true, step: "signed-in", user, ...session };
}

/** The second factor answered: the waiting sign-in becomes a session. */
export async function finishSignIn(
  pending: PendingSignIn,
): Promise<{ token: string; expiresAt: Date }> {
  await endPendingSignIn(pending.id);
  return createSession(pending.userId, pending.userAgent);
}
