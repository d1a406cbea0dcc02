import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import type { z } from "zod";
import { invoke } from "@/lib/access/invoke";
import type { Operation } from "@/lib/access/operation";
import { getSessionUser } from "@/lib/auth/current-user";
import { setupPage } from "@/lib/auth/session-store";
import { isAppError, toActionError } from "@/lib/errors";
import { clientOfHeaders } from "@/lib/server/http-guard";
import type { AcceptedTask } from "@/lib/tasks/summary";

import type { ActionResult } from "./result";

export type { ActionResult };

function failure(error: unknown): ActionResult<never> {
  const message = toActionError(error);
  const fields = isAppError(error) ? error.fields : undefined;
  return fields
    ? { ok: false, error: message, fieldErrors: fields }
    : { ok: false, error: message };
}

/**
 * The server action of an operation: the session from the cookie, then the one wrapper
 * (identity → input → permission → run → audit), and its outcome as one message. A signed-out
 * caller goes to the sign-in page, one with setup to do (a one-time password, a second factor the
 * policy requires) to that setup page.
 */
export function serverAction<S extends z.ZodType, T>(op: Operation<S, T>) {
  // Pages wait for a usually quick long action's task (no respondAsync): never an AcceptedTask.
  return async (raw: unknown): Promise<ActionResult<Exclude<T, AcceptedTask>>> => {
    const user = await getSessionUser();
    const client = clientOfHeaders(await headers());
    try {
      const input = raw instanceof FormData ? Object.fromEntries(raw) : raw;
      const caller = {
        user,
        userAgent: client.userAgent,
        clientAddress: client.address,
        origin: client.origin,
      };
      return { ok: true, data: (await invoke(op, caller, input)) as Exclude<T, AcceptedTask> };
    } catch (error) {
      const isPublic = "open" in op.access && op.access.open === "public";
      if (isAppError(error) && error.code === "unauthorized" && !user && !isPublic)
        redirect("/login");
      const setup = user && setupPage(user);
      if (isAppError(error) && error.code === "forbidden" && setup) redirect(setup);
      return failure(error);
    }
  };
}
