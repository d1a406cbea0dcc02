// First start with no users: create `admin`. With VIRTDECK_ADMIN_PASSWORD (unattended installs)
// that is the password; otherwise a random one-time password is printed once and must be changed
// within 24 hours. A start that finds admin still holding an expired one (and nobody else able
// to sign in) prints a fresh one, so an install nobody got to in time is not lost.
import { changeAccess } from "@/lib/access/acl-snapshot";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { generatePassword, hashPassword, oneTimePasswordExpiry } from "./password";

export type BootstrapResult =
  | { created: false }
  | { created: true; username: string; oneTimePassword: string | null; renewed?: boolean };

async function renewExpiredAdminPassword(): Promise<BootstrapResult> {
  const admin = await db.user.findUnique({ where: { username: "admin" } });
  const expired =
    admin?.mustChangePassword &&
    admin.oneTimePasswordExpiresAt !== null &&
    admin.oneTimePasswordExpiresAt <= new Date();
  if (!admin || !expired) return { created: false };
  const others = await db.user.count({ where: { disabled: false, mustChangePassword: false } });
  if (others > 0) return { created: false };
  const password = generatePassword();
  await db.user.update({
    where: { id: admin.id },
    data: {
      passwordHash: await hashPassword(password),
      oneTimePasswordExpiresAt: oneTimePasswordExpiry(),
    },
  });
  return { created: true, username: "admin", oneTimePassword: password, renewed: true };
}

export async function bootstrapAdmin(): Promise<BootstrapResult> {
  if ((await db.user.count()) > 0) return renewExpiredAdminPassword();
  const fromEnv = env.VIRTDECK_ADMIN_PASSWORD;
  const password = fromEnv ?? generatePassword();
  const passwordHash = await hashPassword(password);
  // The first user is Administrator on / (everything); others get only what is granted to them.
  await changeAccess(async (tx) => {
    const admin = await tx.user.create({
      data: {
        username: "admin",
        passwordHash,
        mustChangePassword: fromEnv === undefined,
        oneTimePasswordExpiresAt: fromEnv === undefined ? oneTimePasswordExpiry() : null,
      },
    });
    await tx.aclEntry.create({
      data: { path: "/", subjectType: "user", subjectId: admin.id, role: "Administrator" },
    });
  });
  return { created: true, username: "admin", oneTimePassword: fromEnv ? null : password };
}
