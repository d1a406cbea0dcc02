// A request path whose percent-escapes do not decode to UTF-8 (/api/v1/vms/%FF) makes Next's
// router throw while it reads the route's parameters, and Next then answers a bare 500: a
// client's mistake reported as the server's. server.ts refuses such paths first, with 400.
import type { IncomingMessage, ServerResponse } from "node:http";

/** True (and the 400 sent) when the request's path does not percent-decode. */
export function refuseUndecodablePath(req: IncomingMessage, res: ServerResponse): boolean {
  const path = (req.url ?? "/").split("?")[0]!;
  try {
    decodeURIComponent(path);
    return false;
  } catch {
    const message = "The URL path has percent-escapes that are not UTF-8";
    const api = path.startsWith("/api/");
    const body = api ? JSON.stringify({ error: message }) : `${message}\n`;
    res.writeHead(400, {
      "content-type": api ? "application/json" : "text/plain; charset=utf-8",
      "content-length": Buffer.byteLength(body),
    });
    res.end(body);
    return true;
  }
}
