// Issues a console ticket for a VM that runs and has the console asked for. The caller's
// VM.Console privilege is checked before (the console operation's rule) and again when the
// ticket is redeemed, in case a grant was revoked in between.
import type { SessionUser } from "@/lib/auth/session-store";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { ConsoleType } from "@/lib/schemas/console";
import { consolePath, issueTicket } from "./tickets";

export interface IssuedTicket {
  ticket: string;
  path: string;
  expiresAt: string;
}

export async function issueConsoleTicket(
  user: SessionUser,
  vmId: string,
  type: ConsoleType,
  force = false,
): Promise<IssuedTicket> {
  const vm = await db.vm.findUnique({ where: { id: vmId }, include: { host: true } });
  if (!vm) throw new AppError("not_found", "No such VM");
  if (vm.goneAt) throw new AppError("not_found", `${vm.name} is no longer on ${vm.host.name}`);
  if (vm.state === "shut off" || vm.state === "crashed")
    throw new AppError("conflict", `${vm.name} is not running: start it to open its console`);
  if (type === "vnc") {
    const graphics = JSON.parse(vm.graphics) as { type: string }[];
    if (!graphics.some((g) => g.type === "vnc"))
      throw new AppError("conflict", `${vm.name} has no VNC display`);
  }
  // A ticket asked for with a session is bound to that session too; an API token's is not
  // (the token holder has no cookie), so it is bound to the user alone.
  const sessionId = user.sessionId.startsWith("token:") ? null : user.sessionId;
  const { ticket, expiresAt } = issueTicket({
    userId: user.userId,
    username: user.username,
    sessionId,
    tokenId: user.tokenId,
    vmId,
    type,
    force: type === "serial" && force,
  });
  return { ticket, path: consolePath(vmId, type), expiresAt: expiresAt.toISOString() };
}
