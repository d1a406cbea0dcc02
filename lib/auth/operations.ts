// Signing in and out, one's own password, API tokens and sessions. Every signed-in user manages
// their own; User.Modify on / sees and revokes everyone's.
import { z } from "zod";
import { operation } from "@/lib/access/operation";
import { root } from "@/lib/access/targets";
import { AppError } from "@/lib/errors";
import {
  apiTokenIdSchema,
  createApiTokenSchema,
  lockoutSchema,
  sessionIdSchema,
} from "@/lib/schemas/access";
import { newPasswordSchema, signInSchema } from "@/lib/schemas/auth";
import { createApiToken, listApiTokens, revokeApiToken, revokeUserTokens } from "./api-tokens";
import { changePassword } from "./change-password";
import { confirmPassword } from "./confirm-password";
import {
  clearSessionCookie,
  readSessionToken,
  setSecondFactorCookie,
  setSessionCookie,
} from "./current-user";
import { revokeSession, rotateSession } from "./session-store";
import { endSession, listSessions } from "./sessions";
import { signIn } from "./sign-in";
import { liftLockout, listLockouts, throttleConfig } from "./sign-in-throttle";

export const signInOp = operation({
  name: "auth.sign-in",
  summary: "Signs in: sets the session cookie",
  input: signInSchema,
  access: { open: "public" },
  audit: true,
  run: async (input, { audit, userAgent, clientAddress }) => {
    audit.target = input.username.slice(0, 64);
    const result = await signIn(input, {
      address: clientAddress ?? "unknown",
      userAgent: userAgent ?? null,
    });
    if (!result.ok) {
      if (result.lockedNow) {
        const { lockoutFailures, windowMs } = throttleConfig();
        audit.detail = `locked out: ${lockoutFailures} failures within ${windowMs / 60_000} min from ${clientAddress ?? "unknown"}`;
      }
      throw new AppError("unauthorized", result.reason);
    }
    audit.user = { userId: result.user.id, username: result.user.username };
    const { username, mustChangePassword } = result.user;
    const signedIn = { user: { username, mustChangePassword }, mustChangePassword };
    if (result.step === "second-factor") {
      audit.detail = "password accepted; waiting for the second factor";
      await setSecondFactorCookie(result.token, result.expiresAt);
      return { ...signedIn, secondFactor: result.factors };
    }
    await setSessionCookie(result.token, result.expiresAt);
    return { ...signedIn, secondFactor: null };
  },
});

export const signOutOp = operation({
  name: "auth.sign-out",
  summary: "Ends this session",
  input: z.object({}),
  access: { open: "self", duringSetup: true },
  audit: true,
  run: async (_input, { audit, user }) => {
    audit.target = user.username;
    await revokeSession(await readSessionToken());
    await clearSessionCookie();
    return { signedOut: true };
  },
});

export const changePasswordOp = operation({
  name: "user.password",
  summary: "Changes your password; your other sessions end (and your tokens, if asked)",
  input: newPasswordSchema,
  access: { open: "self", duringSetup: true },
  audit: true,
  run: async (input, { user, audit }) => {
    audit.target = user.username;
    await changePassword(user, input);
    // A new cookie token: whoever may have seen the old one (and the old password) is out.
    if (!user.tokenId) {
      const rotated = await rotateSession(user.sessionId);
      if (rotated) await setSessionCookie(rotated.token, rotated.expiresAt);
    }
    const revoked = input.revokeTokens ? await revokeUserTokens(user.userId) : 0;
    if (revoked) audit.detail = `revoked ${revoked} API token(s)`;
    return { changed: true, revokedTokens: revoked };
  },
});

/** Who you are and your grants, for the browser to offer only what you may do. */
export const whoAmIOp = operation({
  name: "access.me",
  summary: "You, your grants and the roles (the browser evaluates them as the server does)",
  input: z.object({}),
  access: { open: "self" },
  audit: false,
  run: async (_input, { user, access }) => ({
    user: { id: user.userId, username: user.username, tokenId: user.tokenId },
    grants: access.permissions.user.grants,
    version: access.version,
  }),
});

export const createTokenOp = operation({
  name: "api-token.create",
  summary: "Mints an API token (shown once); asks for your password again",
  input: createApiTokenSchema,
  access: { open: "self" },
  audit: true,
  run: async (input, { user, audit }) => {
    if (user.tokenId) throw new AppError("forbidden", "An API token cannot mint tokens");
    await confirmPassword(user.userId, input.password);
    const expiresAt = input.expiresInDays
      ? new Date(Date.now() + input.expiresInDays * 86_400_000)
      : null;
    const { token, summary } = await createApiToken(user.userId, {
      name: input.name,
      expiresAt,
      privsep: input.privsep,
    });
    audit.target = `${user.username}!${summary.name} (${summary.prefix}…)`;
    audit.detail = input.privsep ? "privilege-separated" : undefined;
    return { token, summary };
  },
});

export const listMyTokensOp = operation({
  name: "api-token.list",
  summary: "Your API tokens (never the tokens themselves)",
  input: z.object({}),
  access: { open: "self" },
  audit: false,
  run: async (_input, { user }) => ({ tokens: await listApiTokens(user.userId) }),
});

export const revokeMyTokenOp = operation({
  name: "api-token.revoke",
  summary: "Revokes one of your API tokens",
  input: apiTokenIdSchema,
  access: { open: "self" },
  audit: true,
  run: async ({ id }, { user, audit }) => {
    const t = await revokeApiToken(id, user.userId);
    audit.target = `${t.username}!${t.name} (${t.prefix}…)`;
    return { id };
  },
});

export const listAllTokensOp = operation({
  name: "api-token.list-all",
  summary: "Everyone's API tokens",
  input: z.object({}),
  access: { privilege: "User.Modify", on: "root", target: () => root },
  audit: false,
  run: async () => ({ tokens: await listApiTokens(null) }),
});

export const revokeAnyTokenOp = operation({
  name: "api-token.revoke-any",
  summary: "Revokes anyone's API token",
  input: apiTokenIdSchema,
  access: { privilege: "User.Modify", on: "root", target: () => root },
  audit: true,
  run: async ({ id }, { audit }) => {
    const t = await revokeApiToken(id, null);
    audit.target = `${t.username}!${t.name} (${t.prefix}…)`;
    return { id };
  },
});

export const listMySessionsOp = operation({
  name: "session.list",
  summary: "Your sessions (this browser's is marked)",
  input: z.object({}),
  access: { open: "self" },
  audit: false,
  run: async (_input, { user }) => ({
    sessions: (await listSessions(user.userId)).map((s) => ({
      ...s,
      current: s.id === user.sessionId,
    })),
  }),
});

export const endMySessionOp = operation({
  name: "session.end",
  summary: "Ends one of your sessions (signs that browser out)",
  input: sessionIdSchema,
  access: { open: "self" },
  audit: true,
  run: async ({ id }, { user, audit }) => {
    const s = await endSession(id, user.userId);
    audit.target = `${s.username} (${s.userAgent?.slice(0, 60) ?? "unknown browser"})`;
    return { id };
  },
});

export const listAllSessionsOp = operation({
  name: "session.list-all",
  summary: "Everyone's sessions",
  input: z.object({}),
  access: { privilege: "User.Modify", on: "root", target: () => root },
  audit: false,
  run: async (_input, { user }) => ({
    sessions: (await listSessions(null)).map((s) => ({ ...s, current: s.id === user.sessionId })),
  }),
});

export const endAnySessionOp = operation({
  name: "session.end-any",
  summary: "Ends anyone's session",
  input: sessionIdSchema,
  access: { privilege: "User.Modify", on: "root", target: () => root },
  audit: true,
  run: async ({ id }, { audit }) => {
    const s = await endSession(id, null);
    audit.target = `${s.username} (${s.userAgent?.slice(0, 60) ?? "unknown browser"})`;
    return { id };
  },
});

export const listLockoutsOp = operation({
  name: "sign-in.lockouts",
  summary: "Accounts locked out from an address by repeated failed sign-ins",
  input: z.object({}),
  access: { privilege: "User.Modify", on: "root", target: () => root },
  audit: false,
  run: async () => ({ lockouts: await listLockouts() }),
});

export const liftLockoutOp = operation({
  name: "sign-in.unlock",
  summary: "Lifts a lockout: that account may sign in from that address again at once",
  input: lockoutSchema,
  access: { privilege: "User.Modify", on: "root", target: () => root },
  audit: true,
  run: async ({ username, address }, { audit }) => {
    audit.target = `${username} from ${address}`;
    const forgotten = await liftLockout(username, address);
    if (forgotten === 0)
      throw new AppError("not_found", `${username} is not locked out from ${address}`);
    audit.detail = `forgot ${forgotten} failed sign-in(s)`;
    return { username, address };
  },
});
