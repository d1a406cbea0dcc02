// The password asked again before changes to one's own sign-in (tokens, second factors): a
// session left open on someone's desk cannot mint a token or swap a factor.
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { verifyPassword } from "./password";

export async function confirmPassword(userId: string, password: string): Promise<void> {
  const user = await db.user.findUniqueOrThrow({ where: { id: userId } });
  if (!(await verifyPassword(user.passwordHash, password)))
    throw new AppError("invalid", "password: wrong password", { password: ["Wrong password"] });
}
