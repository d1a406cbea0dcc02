// /ws/consoles/{vmId}/{vnc|serial}?ticket=…: a console's bytes, raw (RFB or serial) in binary
// frames. The ticket is the credential, so API clients without a cookie can use it; a browser's
// cookie, when sent, must belong to the ticket's user (and to its session, when a session asked).
import type { IncomingMessage } from "node:http";
import type { WebSocket } from "ws";
import { accessFrom } from "@/lib/access/access";
import { aclSnapshot } from "@/lib/access/acl-snapshot";
import { resolveTarget, vm } from "@/lib/access/targets";
import { runConsoleSession } from "@/lib/consoles/run-session";
import { type ConsoleGrant, redeemTicket } from "@/lib/consoles/tickets";
import { consolePathSchema } from "@/lib/schemas/console";
import { overLimit, type WatchedCredential, watchSocket } from "./credential-watch";
import { sessionOf, type WsRefusal, type WsRoute } from "./router";

export const CONSOLE_ROUTE = "/ws/consoles/:vmId/:type";

async function stillAllowed(grant: ConsoleGrant): Promise<boolean> {
  const target = await resolveTarget(vm(grant.vmId)).catch(() => null);
  if (!target) return false;
  const snapshot = await aclSnapshot();
  const user = snapshot.users.get(grant.userId);
  if (!user || user.disabled) return false;
  if (grant.tokenId && !snapshot.tokens.has(grant.tokenId)) return false;
  const access = accessFrom(snapshot, {
    sessionId: grant.sessionId ?? `token:${grant.tokenId}`,
    tokenId: grant.tokenId,
    userId: grant.userId,
    username: grant.username,
    mustChangePassword: false,
    mustEnrolSecondFactor: false,
    expiresAt: new Date(grant.expiresAt),
  });
  return access.can("VM.Console", target.object);
}

async function authorize(
  request: IncomingMessage,
  params: Record<string, string>,
): Promise<ConsoleGrant | WsRefusal> {
  const url = new URL(request.url ?? "/", "http://localhost");
  const ticket = url.searchParams.get("ticket");
  if (!ticket) return { refuse: 401, message: "A console ticket is required (?ticket=…)" };
  const parsed = consolePathSchema.safeParse({ ...params, ticket });
  if (!parsed.success) return { refuse: 401, message: "The console ticket is not valid" };
  // Redeeming takes the ticket out of the store: whatever happens next, it cannot be reused.
  const redeemed = redeemTicket(parsed.data.ticket);
  if (!redeemed.ok)
    return {
      refuse: 401,
      message:
        redeemed.reason === "expired"
          ? "The console ticket has expired; ask for a new one"
          : "The console ticket is unknown or was already used",
    };
  const { grant } = redeemed;
  if (grant.vmId !== parsed.data.vmId || grant.type !== parsed.data.type)
    return { refuse: 403, message: "The console ticket is for another VM or console" };
  const cookieUser = await sessionOf(request);
  // A ticket is no use to another signed-in user (a shared or leaked link opens nothing).
  if (cookieUser && cookieUser.userId !== grant.userId)
    return { refuse: 403, message: "The console ticket belongs to another user" };
  if (grant.sessionId && cookieUser?.sessionId !== grant.sessionId)
    return { refuse: 401, message: "Sign in with the session that asked for the console ticket" };
  // Checked again at redeem: a grant revoked since the ticket was issued opens nothing.
  if (!(await stillAllowed(grant)))
    return { refuse: 403, message: "Permission denied: this needs VM.Console on the VM" };
  const tooMany = overLimit(consoleCredential(grant));
  if (tooMany) return { refuse: 429, message: tooMany };
  return grant;
}

function consoleCredential(grant: ConsoleGrant): WatchedCredential {
  return {
    userId: grant.userId,
    sessionId: grant.sessionId,
    tokenId: grant.tokenId,
    kind: "console",
  };
}

export const consoleRoute: WsRoute<ConsoleGrant> = {
  authorize,
  handle(socket: WebSocket, grant: ConsoleGrant) {
    watchSocket(socket, consoleCredential(grant));
    void runConsoleSession(socket, grant).catch(() => socket.terminate());
  },
};
