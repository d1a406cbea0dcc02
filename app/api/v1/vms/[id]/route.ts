import { withAuth } from "@/lib/api/route";
import { AppError } from "@/lib/errors";
import { getVm } from "@/lib/inventory/list-vms";
import { deleteVmSchema } from "@/lib/schemas/vm-edit";
import { deleteVm } from "@/lib/vms/delete-vm";

/** GET /api/v1/vms/{id} */
export const GET = withAuth(async (_request, { params }) => {
  const vm = await getVm(params.id ?? "");
  if (!vm) throw new AppError("not_found", "No such VM");
  return Response.json({ vm });
});

/** DELETE /api/v1/vms/{id} — body (optional) `{ force?, volumes?: [host paths] }`. */
export const DELETE = withAuth(async (request, { user, params }) => {
  const text = await request.text();
  let raw: unknown = {};
  try {
    raw = text ? JSON.parse(text) : {};
  } catch {
    throw new AppError("invalid", "The request body must be JSON");
  }
  const body = deleteVmSchema.omit({ id: true }).safeParse(raw);
  if (!body.success) throw new AppError("invalid", body.error.issues[0]?.message ?? "Invalid body");
  await deleteVm(user, { id: params.id ?? "", ...body.data });
  return new Response(null, { status: 204 });
});
