import { withAuth } from "@/lib/api/route";
import { AppError } from "@/lib/errors";
import { getVm } from "@/lib/inventory/list-vms";
import { vmActionSchema } from "@/lib/schemas/vm";
import { runVmAction } from "@/lib/vms/run-action";

/** POST /api/v1/vms/{id}/actions/{start|shutdown|destroy|reboot|reset|suspend|resume} */
export const POST = withAuth(async (_request, { params, user }) => {
  const parsed = vmActionSchema.safeParse(params);
  if (!parsed.success)
    throw new AppError("invalid", parsed.error.issues[0]?.message ?? "Invalid action");
  await runVmAction(user, parsed.data.id, parsed.data.action);
  return Response.json({ vm: await getVm(parsed.data.id) });
});
