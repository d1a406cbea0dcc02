import "server-only";
import { cookies, headers } from "next/headers";
import { type Access, accessFor } from "@/lib/access/access";
import { invoke } from "@/lib/access/invoke";
import type { AnyOperation } from "@/lib/access/operation";
import { resolveApiToken } from "@/lib/auth/api-tokens";
import { resolveSession, SESSION_COOKIE, type SessionUser } from "@/lib/auth/session-store";
import { AppError } from "@/lib/errors";
import { jsonError } from "./json-error";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** Request bodies larger than this are refused before they are parsed. */
const MAX_JSON_BYTES = 1 << 20;

/** One route of /api/v1: which operation it runs and where its input comes from. */
export interface RouteSpec {
  operation: AnyOperation;
  /** Input fields read from the query string (path parameters are always read). */
  query?: readonly string[];
  /** "json" (default for POST, PUT, PATCH, DELETE), "none", or "stream" (an upload's raw body). */
  body?: "json" | "none" | "stream";
  /** Builds the input when the plain merge of body, query and path does not fit. */
  input?: (parts: RequestParts) => unknown;
  /** The success status (200 unless set). */
  status?: number;
  /** Path parameters whose input field has another name ({hostId} → id). */
  params?: Readonly<Record<string, string>>;
  /** What the client gets back (by default the operation's result as JSON). */
  respond?: (
    result: never,
    input: Record<string, unknown>,
    /** The caller's permissions (null only for open routes such as signing in). */
    access: Access | null,
  ) => Response | object | Promise<Response | object>;
}

export interface RequestParts {
  params: Record<string, string>;
  query: URLSearchParams;
  body: Record<string, unknown>;
  headers: Headers;
}

type RouteContext = { params?: Promise<Record<string, string>> };

/** The caller of an API request: a bearer token, else the session cookie. */
async function apiUser(): Promise<SessionUser | null> {
  const authorization = (await headers()).get("authorization");
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    return match ? resolveApiToken(match[1]!) : null;
  }
  return resolveSession((await cookies()).get(SESSION_COOKIE)?.value);
}

async function jsonObject(request: Request): Promise<Record<string, unknown>> {
  const length = Number(request.headers.get("content-length") ?? 0);
  if (length > MAX_JSON_BYTES) throw new AppError("invalid", "The request body is too large");
  const text = await request.text();
  if (text.length > MAX_JSON_BYTES) throw new AppError("invalid", "The request body is too large");
  if (!text.trim()) return {};
  try {
    const body = JSON.parse(text) as unknown;
    if (body && typeof body === "object" && !Array.isArray(body))
      return body as Record<string, unknown>;
  } catch {}
  throw new AppError("invalid", "The request body must be a JSON object");
}

/** Query strings carry text: "true" and "false" stand for the booleans. */
function queryValue(v: string): string | boolean {
  return v === "true" ? true : v === "false" ? false : v;
}

function bodyKind(method: HttpMethod, spec: RouteSpec): "json" | "none" | "stream" {
  return spec.body ?? (method === "GET" ? "none" : "json");
}

/** Builds the Next route handler of a route: the caller, its input, then the one wrapper. */
export function routeHandler(method: HttpMethod, spec: RouteSpec) {
  return async (request: Request, context: RouteContext): Promise<Response> => {
    try {
      const user = await apiUser();
      const kind = bodyKind(method, spec);
      const url = new URL(request.url);
      const parts: RequestParts = {
        // Routes without dynamic segments get no params at all.
        params: (await context?.params) ?? {},
        query: url.searchParams,
        body: kind === "json" ? await jsonObject(request) : {},
        headers: request.headers,
      };
      const fromQuery = Object.fromEntries(
        (spec.query ?? []).flatMap((k) =>
          parts.query.has(k) ? [[k, queryValue(parts.query.get(k)!)]] : [],
        ),
      );
      const params = Object.fromEntries(
        Object.entries(parts.params).map(([k, v]) => [spec.params?.[k] ?? k, v]),
      );
      const input = spec.input?.(parts) ?? { ...parts.body, ...fromQuery, ...params };
      const result = await invoke(
        spec.operation,
        {
          user,
          userAgent: request.headers.get("user-agent"),
          body: kind === "stream" ? (request.body ?? undefined) : undefined,
        },
        input,
      );
      const out = spec.respond
        ? await spec.respond(
            result as never,
            input as Record<string, unknown>,
            user ? await accessFor(user) : null,
          )
        : result;
      if (out instanceof Response) return out;
      return Response.json(out ?? {}, { status: spec.status ?? 200 });
    } catch (error) {
      return jsonError(error);
    }
  };
}
