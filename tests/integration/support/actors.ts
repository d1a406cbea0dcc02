// Real users with real grants in the test's own database, made through Virtdeck's own services
// (lib/access), so that operations run through the same permission check as in production.
// Imported after the test has pointed VIRTDECK_DATA_DIR at its database.
import type { SessionUser } from "@/lib/auth/session-store";

export interface GrantSpec {
  path: string;
  role: string;
  propagate?: boolean;
}

/** A user holding these roles (none: a user with no permissions at all). */
export async function createActor(
  username: string,
  grants: GrantSpec[] = [],
): Promise<SessionUser> {
  const { createUser } = await import("@/lib/access/users");
  const { grant } = await import("@/lib/access/acl");
  const { user } = await createUser({
    username,
    password: "a-long-test-password",
    mustChangePassword: false,
    groups: [],
  });
  for (const g of grants)
    await grant({
      path: g.path,
      subjectType: "user",
      subjectId: user.id,
      role: g.role,
      propagate: g.propagate ?? true,
    });
  return {
    sessionId: `test-session-${username}`,
    tokenId: null,
    userId: user.id,
    username,
    mustChangePassword: false,
    mustEnrolSecondFactor: false,
    expiresAt: new Date(Date.now() + 3_600_000),
  };
}

/** An administrator: Administrator on /. */
export function createAdmin(username = "admin"): Promise<SessionUser> {
  return createActor(username, [{ path: "/", role: "Administrator" }]);
}
