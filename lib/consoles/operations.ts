// Console tickets and screenshots: VM.Console on the VM. A ticket is audited as it is handed out
// (the session it opens is audited again as it opens and closes).
import { operation } from "@/lib/access/operation";
import { vm } from "@/lib/access/targets";
import { openConsoleSchema } from "@/lib/schemas/console";
import { vmIdSchema } from "@/lib/schemas/vm";
import { vmOnHost } from "@/lib/vms/change-vm";
import { issueConsoleTicket } from "./issue-ticket";
import { vncPassword } from "./open-target";
import { takeScreenshot } from "./screenshot";

const onVm = { on: "vm", target: (i: { id: string }) => vm(i.id) } as const;

/**
 * For VNC the display's password (when the domain XML sets one) comes back too, so that noVNC
 * can answer the VNC server without asking: the caller may open the console anyway, and the
 * password is never logged.
 */
export const openConsoleOp = operation({
  name: "vm.console",
  summary: "A single-use ticket (30 s) for the VM's screen (vnc) or serial console",
  input: openConsoleSchema,
  access: { privilege: "VM.Console", ...onVm },
  audit: true,
  run: async (input, { user, audit }) => {
    audit.detail = input.force ? `${input.type}, taking over` : input.type;
    const issued = await issueConsoleTicket(user, input.id, input.type, input.force);
    if (input.type !== "vnc") return { ...issued, password: null };
    const { conn, dom } = await vmOnHost(input.id);
    return { ...issued, password: await vncPassword(conn, dom) };
  },
});

export const screenshotOp = operation({
  name: "vm.screenshot",
  summary: "The VM's screen now, as QEMU draws it (PNG)",
  input: vmIdSchema,
  access: { privilege: "VM.Console", ...onVm },
  audit: false,
  run: ({ id }) => takeScreenshot(id),
});
