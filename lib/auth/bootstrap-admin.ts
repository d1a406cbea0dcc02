// First start with no users: create `admin`. With VIRTDECK_ADMIN_PASSWORD (unattended installs)
// that is the password; otherwise a random one-time password is printed once and must be changed.
import { changeAccess } from "@/lib/access/acl-snapshot";
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
  const passwordHash = await hashPassword(password);
  // The first user is Administrator on / (everything); others get only what is granted to them.
  await changeAccess(async (tx) => {
    const admin = await tx.user.create({
      data: { username: "admin", passwordHash, mustChangePassword: fromEnv === undefined },
    });
    await tx.aclEntry.create({
      data: { path: "/", subjectType: "user", subjectId: admin.id, role: "Administrator" },
    });
  });
  return { created: true, username: "admin", oneTimePassword: fromEnv ? null : password };
}
