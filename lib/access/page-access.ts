import "server-only";
// Pages pass the same check as operations: the session first (signed out: the sign-in page; a
// one-time password or a second factor still to set up: that setup page), then the privilege on
// the page's object. An object the caller may not see is "not found", as for the API.
import { notFound } from "next/navigation";
import { requireUser } from "@/lib/auth/current-user";
import type { SessionUser } from "@/lib/auth/session-store";
import { isAppError } from "@/lib/errors";
import { type Access, accessFor } from "./access";
import { demand } from "./invoke";
import type { Privilege } from "./privileges";
import { type ResolvedTarget, resolveTarget, type Target } from "./targets";

export interface PageCaller {
  user: SessionUser;
  access: Access;
}

/** A page any signed-in user may open; what it lists is filtered by `access`. */
export async function pageAccess(options: { duringSetup?: boolean } = {}): Promise<PageCaller> {
  const user = await requireUser(options);
  return { user, access: await accessFor(user) };
}

export interface PageTarget extends PageCaller {
  target: ResolvedTarget;
  /** Why the caller may see the object but not do what the page is for, else null. */
  denied: string | null;
}

/** A page about one object: not found unless visible; `denied` when the privilege is missing. */
export async function pageAccessTo(privilege: Privilege, on: Target): Promise<PageTarget> {
  const caller = await pageAccess();
  const target = await resolveTarget(on).catch((error: unknown) => {
    if (isAppError(error) && error.code === "not_found") notFound();
    throw error;
  });
  try {
    demand(caller.access, privilege, target, true);
    return { ...caller, target, denied: null };
  } catch (error) {
    if (isAppError(error) && error.code === "not_found") notFound();
    if (isAppError(error) && error.code === "forbidden")
      return { ...caller, target, denied: error.message };
    throw error;
  }
}
