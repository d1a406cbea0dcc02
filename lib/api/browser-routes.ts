// Routes a browser is sent to rather than a script (single sign-on's two steps): the operation
// runs through the one wrapper like any API route, and the answer is a redirect, to where the
// operation says or, when refused, back to the sign-in page with the reason's key.
// app/**/route.ts files outside app/api only name their entry (`browserRoute("GET /auth/…")`).
import "server-only";
import { invoke } from "@/lib/access/invoke";
import type { AnyOperation } from "@/lib/access/operation";
import { oidcCallbackOp, oidcStartOp } from "@/lib/auth/oidc/operations";
import { CALLBACK_PATH } from "@/lib/auth/oidc/provider";
import { refusalOf } from "@/lib/auth/oidc/refusals";
import { clientOfHeaders, publicOrigin } from "@/lib/server/http-guard";

interface BrowserRouteSpec {
  operation: AnyOperation;
  input: (request: Request) => unknown;
}

const callbackUri = (request: Request) => `${publicOrigin(request.headers)}${CALLBACK_PATH}`;
const backToSignIn = (error: unknown) => `/login?error=${refusalOf(error)}`;

export const BROWSER_ROUTES = {
  "GET /auth/oidc/start": {
    operation: oidcStartOp,
    input: (request) => ({ redirectUri: callbackUri(request) }),
  },
  "GET /auth/oidc/callback": {
    operation: oidcCallbackOp,
    input: (request) => ({
      redirectUri: callbackUri(request),
      params: Object.fromEntries(new URL(request.url).searchParams),
    }),
  },
} satisfies Record<string, BrowserRouteSpec>;

function redirectTo(location: string): Response {
  // 302 from our own handler: the Content-Security-Policy's form-action does not apply.
  return new Response(null, { status: 302, headers: { location, "cache-control": "no-store" } });
}

export function browserRoute(key: keyof typeof BROWSER_ROUTES) {
  const spec: BrowserRouteSpec = BROWSER_ROUTES[key];
  return async (request: Request): Promise<Response> => {
    const client = clientOfHeaders(request.headers);
    try {
      const { location } = (await invoke(
        spec.operation,
        { user: null, userAgent: client.userAgent, clientAddress: client.address },
        spec.input(request),
      )) as { location: string };
      return redirectTo(location);
    } catch (error) {
      return redirectTo(backToSignIn(error));
    }
  };
}
