import { db } from "@/lib/db/client";
import type { SignInInput } from "@/lib/schemas/auth";
import { hashPassword, verifyPassword } from "./password";
import { createSession } from "./session-store";

// Verified against when the user does not exist, so both paths cost one argon2 verification.
let dummyHash: Promise<string> | undefined;

/** A new session for the right password of an enabled user, else null (audited by the caller). */
export async function signIn(input: SignInInput, userAgent: string | null) {
  const user = await db.user.findUnique({ where: { username: input.username } });
  if (!user) {
    dummyHash ??= hashPassword("virtdeck-timing-equaliser");
    await verifyPassword(await dummyHash, input.password);
    return null;
  }
  if (!(await verifyPassword(user.passwordHash, input.password))) return null;
  // A disabled user's right password is refused with the same words as a wrong one.
  if (user.disabled) return null;
  const session = await createSession(user.id, userAgent);
  return { user, ...session };
}
