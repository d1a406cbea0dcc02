// First start with no users: create `admin`. With VIRTDECK_ADMIN_PASSWORD (unattended installs)
// that is the password; otherwise a random one-time password is printed once and must be changed.
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { generatePassword, hashPassword } from "./password";

export type BootstrapResult =
  | { created: false }
  | { created: true; username: string; oneTimePassword: string | null };

export async function bootstrapAdmin(): Promise<BootstrapResult> {
  if ((await db.user.count()) > 0) return { created: false };
  const fromEnv = env.VIRTDECK_ADMIN_PASSWORD;
  const password = fromEnv ?? generatePassword();
  await db.user.create({
    data: {
      username: "admin",
      passwordHash: await hashPassword(password),
      mustChangePassword: fromEnv === undefined,
    },
  });
  return { created: true, username: "admin", oneTimePassword: fromEnv ? null : password };
}
