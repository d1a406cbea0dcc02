import { readJson, withAuth } from "@/lib/api/route";
import { getVm } from "@/lib/inventory/list-vms";
import { cloneVmSchema } from "@/lib/schemas/vm-edit";
import { cloneVm } from "@/lib/vms/clone-vm";

/** POST /api/v1/vms/{id}/clone — `{ name, start? }`; the VM must be shut off. 201 with the clone. */
export const POST = withAuth(async (request, { user, params }) => {
  const body = await readJson(request, cloneVmSchema.omit({ id: true }));
  const { id } = await cloneVm(user, { ...body, id: params.id ?? "" });
  return Response.json({ vm: await getVm(id) }, { status: 201 });
});
