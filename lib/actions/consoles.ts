"use server";
import { issueConsoleTicket } from "@/lib/consoles/issue-ticket";
import { vncPassword } from "@/lib/consoles/open-target";
import { openConsoleSchema } from "@/lib/schemas/console";
import { vmOnHost } from "@/lib/vms/run-action";
import { authedAction } from "./action";

/**
 * A console ticket for the signed-in operator. For VNC, the display's password (when the domain
 * XML sets one) comes back too, so that noVNC can answer the VNC server without asking: the
 * operator may open the console anyway, and the password is never logged.
 */
export const openConsoleAction = authedAction(openConsoleSchema, async (input, user) => {
  const issued = await issueConsoleTicket(user, input.id, input.type, input.force);
  if (input.type !== "vnc") return { ...issued, password: null };
  const { conn, dom } = await vmOnHost(input.id);
  return { ...issued, password: await vncPassword(conn, dom) };
});
