"use server";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record";
import { changePassword } from "@/lib/auth/change-password";
import {
  clearSessionCookie,
  readSessionToken,
  requireUser,
  setSessionCookie,
} from "@/lib/auth/current-user";
import { revokeSession } from "@/lib/auth/session-store";
import { signIn } from "@/lib/auth/sign-in";
import { AppError } from "@/lib/errors";
import { newPasswordSchema, signInSchema } from "@/lib/schemas/auth";
import { openAction } from "./action";

// Signing in is the one action open to signed-out visitors.
export const signInAction = openAction(signInSchema, async (input) => {
  const userAgent = (await headers()).get("user-agent");
  const result = await signIn(input, userAgent);
  if (!result) throw new AppError("unauthorized", "Wrong username or password");
  await setSessionCookie(result.token, result.expiresAt);
  return { mustChangePassword: result.user.mustChangePassword };
});

export const signOutAction = openAction(z.unknown(), async () => {
  const token = await readSessionToken();
  await revokeSession(token);
  await clearSessionCookie();
  redirect("/login");
});

// Reachable while the generated one-time password is still in force: that is its purpose.
export const changePasswordAction = openAction(newPasswordSchema, async (input) => {
  const user = await requireUser({ allowPasswordChange: true });
  await changePassword(user, input);
  await recordAudit({ user, action: "user.password", target: user.username, outcome: "ok" });
  return { changed: true };
});
