import "server-only";
import { cookies, headers } from "next/headers";
import type { z } from "zod";
import { resolveApiToken } from "@/lib/auth/api-tokens";
import { resolveSession, SESSION_COOKIE, type SessionUser } from "@/lib/auth/session-store";
import { AppError } from "@/lib/errors";
import { jsonError } from "./json-error";

type RouteContext = { params: Promise<Record<string, string>> };
type AuthedHandler = (
  request: Request,
  ctx: { user: SessionUser; params: Record<string, string> },
) => Promise<Response>;

/** The caller of an API request: a bearer token, else the session cookie. */
async function apiUser(): Promise<SessionUser | null> {
  const authorization = (await headers()).get("authorization");
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    return match ? resolveApiToken(match[1]!) : null;
  }
  return resolveSession((await cookies()).get(SESSION_COOKIE)?.value);
}

/**
 * Wraps every /api/v1 handler: 401 without a valid token or session, 403 while the account still
 * holds its one-time password, errors as `{ error }` JSON with the matching HTTP status.
 */
export function withAuth(handler: AuthedHandler) {
  return async (request: Request, context: RouteContext): Promise<Response> => {
    try {
      const user = await apiUser();
      if (!user)
        throw new AppError(
          "unauthorized",
          "Sign in or send an API token (Authorization: Bearer …)",
        );
      if (user.mustChangePassword)
        throw new AppError("forbidden", "Change the one-time password first");
      return await handler(request, { user, params: await context.params });
    } catch (error) {
      return jsonError(error);
    }
  };
}

/** Parses a JSON body with a zod schema; a bad body is a 400 with the first problem named. */
export async function readJson<S extends z.ZodType>(
  request: Request,
  schema: S,
): Promise<z.infer<S>> {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    throw new AppError("invalid", "The request body must be JSON");
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError(
      "invalid",
      issue ? `${issue.path.join(".") || "body"}: ${issue.message}` : "Invalid body",
    );
  }
  return parsed.data;
}
