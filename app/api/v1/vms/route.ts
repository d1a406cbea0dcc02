import { readJson, withAuth } from "@/lib/api/route";
import { AppError } from "@/lib/errors";
import { getVm, listVms } from "@/lib/inventory/list-vms";
import { vmListQuerySchema } from "@/lib/schemas/vm";
import { createVmSchema } from "@/lib/schemas/vm-create";
import { createVm } from "@/lib/vms/create-vm";

/** GET /api/v1/vms?q=&host=&state=&tag= — the inventory, from the database. */
export const GET = withAuth(async (request) => {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const parsed = vmListQuerySchema.safeParse(params);
  if (!parsed.success)
    throw new AppError("invalid", parsed.error.issues[0]?.message ?? "Invalid query");
  return Response.json({ vms: await listVms(parsed.data) });
});

/** POST /api/v1/vms — create a VM from the wizard's fields; 201 with its inventory id. */
export const POST = withAuth(async (request, { user }) => {
  const input = await readJson(request, createVmSchema);
  const { id } = await createVm(user, input);
  return Response.json({ vm: await getVm(id) }, { status: 201 });
});
