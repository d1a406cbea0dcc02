// Second factors against a real SQLite file: TOTP enrolment and codes (the app's side computed
// with RFC 6238 independently of Virtdeck's check), replay, the lock after 8 wrong codes and its
// recovery code, the pending sign-in's own limit, the policy by role, and an admin's reset.
import { decodeBase32IgnorePadding } from "@oslojs/encoding";
import { generateHOTP } from "@oslojs/otp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshStore } from "../support/fresh-store";

const store = await freshStore("factors");
const { db } = store;

const { createUser } = await import("@/lib/access/users");
const { grant } = await import("@/lib/access/acl");
const { signIn } = await import("@/lib/auth/sign-in");
const sessions = await import("@/lib/auth/session-store");
const pendingSignIns = await import("@/lib/auth/pending-sign-in");
const factors = await import("@/lib/auth/second-factor");

const client = { address: "192.0.2.20", userAgent: "test" };
const password = "a-long-test-password";

/** What an authenticator app shows for this key at a step (default: now). */
function appCode(uri: string, step = Math.floor(Date.now() / 30_000)): string {
  const secret = new URL(uri).searchParams.get("secret")!;
  return generateHOTP(decodeBase32IgnorePadding(secret), BigInt(step), 6);
}

async function userNamed(username: string, role?: string): Promise<string> {
  const { user } = await createUser({ username, password, mustChangePassword: false, groups: [] });
  if (role)
    await grant({ path: "/", subjectType: "user", subjectId: user.id, role, propagate: true });
  return user.id;
}

async function passwordStep(username: string) {
  const result = await signIn({ username, password }, client);
  if (!result.ok) throw new Error(result.reason);
  return result;
}

beforeAll(() => {
  store.migrate();
});
afterAll(async () => {
  await store.dispose();
});

describe("TOTP", () => {
  let userId = "";
  let uri = "";
  let recovery: string[] = [];

  it("is enrolled with a code from the app and brings ten recovery codes", async () => {
    userId = await userNamed("alice");
    expect((await passwordStep("alice")).step).toBe("signed-in");
    ({ uri } = await factors.beginTotp(userId, "alice"));
    expect((await factors.secondFactorStatus(userId)).totp).toBe("enrolling");
    await expect(factors.confirmTotp(userId, "000000")).rejects.toThrow(/not the code/);
    const { recoveryCodes } = await factors.confirmTotp(userId, appCode(uri));
    recovery = recoveryCodes ?? [];
    expect(recovery).toHaveLength(10);
    const stored = await db.recoveryCode.findMany({ where: { userId } });
    expect(stored.map((r) => r.codeHash)).not.toContain(recovery[0]);
    expect(await factors.secondFactorStatus(userId)).toMatchObject({
      totp: "on",
      recoveryCodesLeft: 10,
    });
  });

  it("then makes the password step wait; a code is accepted once", async () => {
    const step = await passwordStep("alice");
    expect(step).toMatchObject({ step: "second-factor", factors: { totp: true, passkey: false } });
    const pending = await pendingSignIns.findPendingSignIn(step.token);
    expect(pending?.username).toBe("alice");
    // The code confirmed at enrolment is spent; the next step's is not.
    const { lastStep } = await db.totpFactor.findUniqueOrThrow({ where: { userId } });
    expect(await factors.checkSecondFactorCode(userId, appCode(uri, lastStep))).toMatchObject({
      ok: false,
    });
    const next = appCode(uri, lastStep + 1);
    expect(await factors.checkSecondFactorCode(userId, next)).toEqual({ ok: true, via: "totp" });
    expect(await factors.checkSecondFactorCode(userId, next)).toMatchObject({
      ok: false,
      reason: "Wrong code",
    });
  });

  it("locks after 8 wrong codes in a row, until a recovery code (used once) opens it", async () => {
    await db.totpFactor.update({ where: { userId }, data: { failures: 0 } });
    const outcomes = [];
    for (let i = 0; i < 8; i++)
      outcomes.push(await factors.checkSecondFactorCode(userId, "111111"));
    expect(outcomes.slice(0, 7).every((o) => !o.ok && !o.lockedNow)).toBe(true);
    expect(outcomes[7]).toMatchObject({ ok: false, lockedNow: true });
    expect((await factors.secondFactorStatus(userId)).totp).toBe("locked");
    // Even the right code is refused now.
    expect(await factors.checkSecondFactorCode(userId, appCode(uri))).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/locked .* use a recovery code/),
    });
    const code = recovery[3]!.toUpperCase().replace("-", " ");
    expect(await factors.checkSecondFactorCode(userId, code)).toEqual({
      ok: true,
      via: "recovery",
      recoveryCodesLeft: 9,
    });
    expect(await factors.checkSecondFactorCode(userId, recovery[3]!)).toMatchObject({ ok: false });
    expect((await factors.secondFactorStatus(userId)).totp).toBe("on");
  });

  it("ends a pending sign-in after five wrong codes", async () => {
    const step = await passwordStep("alice");
    const pending = (await pendingSignIns.findPendingSignIn(step.token))!;
    const ended = [];
    for (let i = 0; i < 5; i++) ended.push(await pendingSignIns.countPendingFailure(pending.id));
    expect(ended).toEqual([false, false, false, false, true]);
    expect(await pendingSignIns.findPendingSignIn(step.token)).toBeNull();
  });
});

describe("the sign-in policy", () => {
  it("requires a factor of whoever holds a chosen role, and of nobody else", async () => {
    const adminId = await userNamed("root-bob", "Administrator");
    const viewerId = await userNamed("carol", "Auditor");
    await expect(
      factors.writeSignInPolicy({ secondFactorForEveryone: false, secondFactorRoles: ["Nope"] }),
    ).rejects.toThrow(/no role named Nope/);
    expect((await factors.readSignInPolicy()).secondFactorRoles).toEqual([]);
    await factors.writeSignInPolicy({
      secondFactorForEveryone: false,
      secondFactorRoles: ["Administrator"],
    });
    expect(await factors.secondFactorRequired(adminId)).toBe(true);
    expect(await factors.secondFactorRequired(viewerId)).toBe(false);

    // Without a factor, the session may only enrol one; enrolling opens it.
    const step = await passwordStep("root-bob");
    if (step.step !== "signed-in") throw new Error("expected a session");
    const user = await sessions.resolveSession(step.token);
    expect(user?.mustEnrolSecondFactor).toBe(true);
    expect(sessions.setupPage(user!)).toBe("/account/security");
    const { uri } = await factors.beginTotp(adminId, "root-bob");
    await factors.confirmTotp(adminId, appCode(uri));
    await sessions.enrolmentDone(adminId);
    expect((await sessions.resolveSession(step.token))?.mustEnrolSecondFactor).toBe(false);

    // Its last factor cannot be removed while the policy requires one.
    await expect(factors.removeTotp(adminId)).rejects.toThrow(/add another before removing/);

    // Everyone: carol too.
    await factors.writeSignInPolicy({ secondFactorForEveryone: true, secondFactorRoles: [] });
    expect(await factors.secondFactorRequired(viewerId)).toBe(true);
    await factors.writeSignInPolicy({ secondFactorForEveryone: false, secondFactorRoles: [] });
  });

  it("lets an administrator reset a user's factors", async () => {
    const id = (await db.user.findUniqueOrThrow({ where: { username: "root-bob" } })).id;
    expect((await factors.resetSecondFactors(id)).removed).toEqual(["TOTP", "10 recovery code(s)"]);
    expect(await factors.secondFactorStatus(id)).toMatchObject({
      totp: "off",
      recoveryCodesLeft: 0,
    });
    expect((await passwordStep("root-bob")).step).toBe("signed-in");
  });
});
