// Runs before every page: a fresh nonce and the Content-Security-Policy that names it (Next puts
// the nonce on its own scripts; the root layout on the theme script), and a cheap first gate:
// pages without a session cookie go to the sign-in page before rendering. That gate is not the
// security check (the cookie may be stale): every page, action, route handler and WebSocket
// upgrade validates the session itself.
import { type NextRequest, NextResponse } from "next/server";

import { SESSION_COOKIE } from "@/lib/auth/cookie-name";

/**
 * Scripts only from this server and only with this response's nonce (no eval: noVNC and
 * xterm.js need none); styles may be inline (React writes style attributes, xterm.js its own
 * style sheet); sockets and fetches to this origin only; never framed.
 */
function contentSecurityPolicy(nonce: string): string {
  const dev = process.env.NODE_ENV === "development";
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export function proxy(request: NextRequest) {
  // The sign-in pages (the password step, the second factor's at /login/second-factor) and single
  // sign-on's start and callback (they check their own flow).
  const path = request.nextUrl.pathname;
  const isSignIn =
    path === "/login" || path.startsWith("/login/") || path.startsWith("/auth/oidc/");
  if (!isSignIn && !request.cookies.has(SESSION_COOKIE)) {
    const url = request.nextUrl.clone();
    url.pathname = "/login";
    url.search = "";
    return NextResponse.redirect(url);
  }
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const policy = contentSecurityPolicy(nonce);
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", policy);
  return response;
}

export const config = {
  // Every page (the sign-in page too); not the JSON API (it answers 401 itself), the probes
  // (open to everyone) or static files.
  matcher: ["/((?!api/|healthz$|readyz$|metrics$|_next/|favicon.ico|icon.svg).*)"],
};
