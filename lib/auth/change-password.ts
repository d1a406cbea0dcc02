import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { NewPasswordInput } from "@/lib/schemas/auth";
import { hashPassword, verifyPassword } from "./password";
import { revokeUserSessions, type SessionUser } from "./session-store";

/** Changes the password and signs out every other session of the user. */
export async function changePassword(user: SessionUser, input: NewPasswordInput): Promise<void> {
  const record = await db.user.findUniqueOrThrow({ where: { id: user.userId } });
  if (!(await verifyPassword(record.passwordHash, input.currentPassword))) {
    throw new AppError("unauthorized", "The current password is wrong");
  }
  await db.user.update({
    where: { id: user.userId },
    data: {
      passwordHash: await hashPassword(input.newPassword),
      mustChangePassword: false,
      oneTimePasswordExpiresAt: null,
    },
  });
  await revokeUserSessions(user.userId, user.sessionId);
}
