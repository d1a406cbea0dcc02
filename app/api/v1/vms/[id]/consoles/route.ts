import { readJson, withAuth } from "@/lib/api/route";
import { issueConsoleTicket } from "@/lib/consoles/issue-ticket";
import { consoleApiBodySchema } from "@/lib/schemas/console";

/**
 * POST /api/v1/vms/{id}/consoles {"type": "vnc" | "serial", "force"?: boolean}
 * → 201 {ticket, path, expiresAt}. Open a WebSocket to `${path}?ticket=${ticket}` within 30 s:
 * it then carries raw RFB (vnc) or raw serial bytes in binary frames.
 */
export const POST = withAuth(async (request, { params, user }) => {
  const body = await readJson(request, consoleApiBodySchema);
  const issued = await issueConsoleTicket(user, params.id ?? "", body.type, body.force);
  return Response.json(issued, { status: 201, headers: { "cache-control": "no-store" } });
});
