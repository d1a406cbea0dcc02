import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import type { SignInInput } from "@/lib/schemas/auth";
import { hashPassword, verifyPassword } from "./password";
import { createSession } from "./session-store";

// Verified against when the user does not exist, so both paths cost one argon2 verification.
let dummyHash: Promise<string> | undefined;

export async function signIn(input: SignInInput, userAgent: string | null) {
  const user = await db.user.findUnique({ where: { username: input.username } });
  const refused = async () => {
    await recordAudit({
      user: null,
      action: "auth.sign-in",
      target: input.username.slice(0, 64),
      outcome: "refused",
    });
    return null;
  };
  if (!user) {
    dummyHash ??= hashPassword("virtdeck-timing-equaliser");
    await verifyPassword(await dummyHash, input.password);
    return refused();
  }
  if (!(await verifyPassword(user.passwordHash, input.password))) return refused();
  const session = await createSession(user.id, userAgent);
  return { user, ...session };
}
