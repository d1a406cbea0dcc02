import "server-only";
import { cookies, headers } from "next/headers";
import { type Access, accessFor } from "@/lib/access/access";
import { invoke } from "@/lib/access/invoke";
import type { AnyOperation } from "@/lib/access/operation";
import { resolveApiToken } from "@/lib/auth/api-tokens";
import { resolveSession, SESSION_COOKIE, type SessionUser } from "@/lib/auth/session-store";
import { AppError } from "@/lib/errors";
import { clientOfHeaders, isOwnOrigin } from "@/lib/server/http-guard";
import { isAcceptedTask, type TaskSummary } from "@/lib/tasks/summary";
import { jsonError } from "./json-error";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** JSON bodies larger than this are refused before they are parsed; smaller for anonymous callers. */
const MAX_JSON_BYTES = 1 << 20;
const MAX_ANONYMOUS_JSON_BYTES = 16 << 10;
const SAFE_METHODS = new Set(["GET", "HEAD"]);

/** One route of /api/v1: which operation it runs and where its input comes from. */
export interface RouteSpec {
  operation: AnyOperation;
  /** Input fields read from the query string (path parameters are always read). */
  query?: readonly string[];
  /** "json" (default for POST, PUT, PATCH, DELETE), "none", or "stream" (an upload's raw body). */
  body?: "json" | "none" | "stream";
  /** Builds the input when the plain merge of body, query and path does not fit. */
  input?: (parts: RequestParts) => unknown;
  /** The success status (200 unless set; 202 for a route that always starts a task). */
  status?: number;
  /** Some inputs start a task (a delete with volumes): 202 with it instead of `status`. */
  mayStartTask?: boolean;
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
async function apiUser(): Promise<{ user: SessionUser | null; byCookie: boolean }> {
  const authorization = (await headers()).get("authorization");
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    return { user: match ? await resolveApiToken(match[1]!) : null, byCookie: false };
  }
  const user = await resolveSession((await cookies()).get(SESSION_COOKIE)?.value);
  return { user, byCookie: user !== null };
}

/**
 * A change signed in by the cookie must come from Virtdeck's own pages: the browser attaches the
 * cookie to requests other sites make too (SameSite=Lax lets same-site ones through: another
 * port of 127.0.0.1, a sibling subdomain). Browsers mark their requests with Sec-Fetch-Site and
 * Origin; a JSON content type also cannot be sent cross-site without a preflight. Bearer tokens
 * are never sent by a browser on its own, so token calls need none of this.
 */
function forgeryCheck(request: Request, method: HttpMethod, kind: string): AppError | null {
  if (SAFE_METHODS.has(method)) return null;
  const site = request.headers.get("sec-fetch-site");
  const origin = request.headers.get("origin");
  const { proto } = clientOfHeaders(request.headers);
  if (site && site !== "same-origin")
    return new AppError(
      "forbidden",
      `Cross-site request refused (Sec-Fetch-Site: ${site.slice(0, 20)})`,
    );
  if (origin ? !isOwnOrigin(origin, proto, request.headers.get("host") ?? undefined) : !site)
    return new AppError(
      "forbidden",
      origin
        ? "Cross-origin request refused: Origin is not this server's address"
        : "A change signed in by cookie must come from Virtdeck's pages (no Origin header); scripts use an API token",
    );
  const hasBody =
    Number(request.headers.get("content-length") ?? 0) > 0 ||
    request.headers.has("transfer-encoding");
  const type = request.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase() ?? "";
  if (kind === "json" && hasBody && type !== "application/json")
    return new AppError(
      "unsupported_media",
      `Send the body as application/json${type ? `, not ${type.slice(0, 60)}` : " (Content-Type is missing)"}`,
    );
  return null;
}

/** The body as text, read no further than `limit` bytes (a chunked body has no length to check first). */
async function boundedText(request: Request, limit: number): Promise<string> {
  const tooLarge = () =>
    new AppError("too_large", `The request body is too large (at most ${limit >> 10} KiB)`);
  if (Number(request.headers.get("content-length") ?? 0) > limit) throw tooLarge();
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

async function jsonObject(request: Request, limit: number): Promise<Record<string, unknown>> {
  const text = await boundedText(request, limit);
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

/** A long action's answer: 202 with its task, and where to follow it. */
export function taskAccepted(task: TaskSummary): Response {
  return Response.json(
    { task },
    { status: 202, headers: { location: `/api/v1/tasks/${task.id}` } },
  );
}

/** Builds the Next route handler of a route: the caller, its input, then the one wrapper. */
export function routeHandler(method: HttpMethod, spec: RouteSpec) {
  return async (request: Request, context: RouteContext): Promise<Response> => {
    const client = clientOfHeaders(request.headers);
    try {
      const { user, byCookie } = await apiUser();
      const kind = bodyKind(method, spec);
      const forged = byCookie ? forgeryCheck(request, method, kind) : null;
      const url = new URL(request.url);
      const parts: RequestParts = {
        // Routes without dynamic segments get no params at all.
        params: (await context?.params) ?? {},
        query: url.searchParams,
        body:
          kind === "json" && !forged
            ? await jsonObject(request, user ? MAX_JSON_BYTES : MAX_ANONYMOUS_JSON_BYTES)
            : {},
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
          userAgent: client.userAgent,
          clientAddress: client.address,
          origin: client.origin,
          refusal: forged ?? undefined,
          body: kind === "stream" && !forged ? (request.body ?? undefined) : undefined,
          respondAsync: true,
        },
        input,
      );
      if (isAcceptedTask(result)) return taskAccepted(result.accepted);
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
