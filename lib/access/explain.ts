// "Effective permissions": a user's (or token's) privileges on an object, each with the grants
// that gave it, as the permission check itself computes them.
import { getApiToken } from "@/lib/auth/api-tokens";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { aclSnapshot, tokenGrants, userGrants } from "./acl-snapshot";
import { type Grant, Permissions, PermissionView } from "./evaluate";
import { displayPath, parsePath } from "./paths";
import { PRIVILEGES, type Privilege } from "./privileges";
import type { ResolvedTarget } from "./targets";

export interface Explanation {
  subject: string;
  path: string;
  label: string;
  privileges: {
    privilege: Privilege;
    grants: { role: string; path: string; subject: string; propagate: boolean; via: string }[];
  }[];
  missing: Privilege[];
}

function shownPath(stored: string, target: ResolvedTarget): string {
  const p = parsePath(stored);
  return p?.kind === "vm" && target.object.kind === "vm"
    ? displayPath({ ...target.object, uuid: p.uuid })
    : stored;
}

export async function explainAccess(
  input: { subjectType: "user" | "token"; subjectId: string },
  target: ResolvedTarget,
): Promise<Explanation> {
  const snapshot = await aclSnapshot();
  let permissions: Permissions;
  let subject: string;
  if (input.subjectType === "user") {
    const user = await db.user.findUnique({ where: { id: input.subjectId } });
    if (!user) throw new AppError("invalid", "subjectId: no such user");
    subject = user.username;
    permissions = new Permissions(new PermissionView(userGrants(snapshot, user.id)));
  } else {
    const token = await getApiToken(input.subjectId).catch(() => {
      throw new AppError("invalid", "subjectId: no such token");
    });
    subject = `${token.username}!${token.name}`;
    const mine = new PermissionView(userGrants(snapshot, token.userId));
    permissions = new Permissions(
      mine,
      token.privsep ? new PermissionView(tokenGrants(snapshot, token.id)) : null,
    );
  }
  const why = permissions.explain(target.object);
  const describe = (g: Grant) => ({
    role: g.role,
    path: shownPath(g.entry.path, target),
    subject: `${g.entry.subjectType} ${g.entry.subjectName}`,
    propagate: g.entry.propagate,
    via: g.via,
  });
  return {
    subject,
    path: target.path,
    label: target.label,
    privileges: PRIVILEGES.filter((p) => why.has(p)).map((p) => ({
      privilege: p,
      grants: why.get(p)!.map(describe),
    })),
    missing: PRIVILEGES.filter((p) => !why.has(p)),
  };
}
