import "server-only";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { env } from "@/lib/env";
import { clientOfHeaders } from "@/lib/server/http-guard";
import { SECOND_FACTOR_COOKIE } from "./cookie-name";
import { resolveSession, SESSION_COOKIE, type SessionUser, setupPage } from "./session-store";

/** The signed-in user of this request, or null. Resolved once per request. */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  return resolveSession(token);
});

/**
 * Every page and server action starts here. A user still holding the generated one-time
 * password, or without the second factor the sign-in policy requires, is sent to that setup
 * page first (pages open during setup say so with `duringSetup`).
 */
export async function requireUser(options: { duringSetup?: boolean } = {}): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect("/login");
  const setup = setupPage(user);
  if (setup && !options.duringSetup) redirect(setup);
  return user;
}

async function servedOverHttps(): Promise<boolean> {
  if (env.VIRTDECK_SECURE_COOKIES !== "auto") return env.VIRTDECK_SECURE_COOKIES === "true";
  // Decided by the server from the socket or a trusted proxy (lib/server/http-guard.ts).
  return clientOfHeaders(await headers()).proto === "https";
}

/** A cookie scripts cannot read, sent on top-level navigations from other sites (SameSite=Lax). */
export async function setPrivateCookie(
  name: string,
  value: string,
  options: { expires: Date; path: string },
): Promise<void> {
  (await cookies()).set(name, value, {
    httpOnly: true,
    sameSite: "lax",
    secure: await servedOverHttps(),
    ...options,
  });
}

export async function setSessionCookie(token: string, expiresAt: Date): Promise<void> {
  await setPrivateCookie(SESSION_COOKIE, token, { expires: expiresAt, path: "/" });
}

export async function clearSessionCookie(): Promise<void> {
  (await cookies()).delete(SESSION_COOKIE);
}

export async function readSessionToken(): Promise<string | undefined> {
  return (await cookies()).get(SESSION_COOKIE)?.value;
}

/** The cookie of a sign-in waiting for its second factor (lib/auth/pending-sign-in.ts). */
export async function setSecondFactorCookie(token: string, expiresAt: Date): Promise<void> {
  await setPrivateCookie(SECOND_FACTOR_COOKIE, token, { expires: expiresAt, path: "/" });
}

export async function readSecondFactorToken(): Promise<string | undefined> {
  return (await cookies()).get(SECOND_FACTOR_COOKIE)?.value;
}

export async function clearSecondFactorCookie(): Promise<void> {
  (await cookies()).delete(SECOND_FACTOR_COOKIE);
}
