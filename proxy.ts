// A cheap first gate: pages without a session cookie go to the sign-in page before rendering.
// It is not the security check (the cookie may be stale): every page, action, route handler and
// WebSocket upgrade validates the session itself.
import { type NextRequest, NextResponse } from "next/server";

import { SESSION_COOKIE } from "@/lib/auth/cookie-name";

export function proxy(request: NextRequest) {
  if (request.cookies.has(SESSION_COOKIE)) return NextResponse.next();
  const url = request.nextUrl.clone();
  url.pathname = "/login";
  url.search = "";
  return NextResponse.redirect(url);
}

export const config = {
  // Everything except the sign-in page, the JSON API (it answers 401 itself), and static files.
  matcher: ["/((?!login|api/|_next/|favicon.ico|icon.svg).*)"],
};
