import { withAuth } from "@/lib/api/route";
import { AppError } from "@/lib/errors";
import { getVm } from "@/lib/inventory/list-vms";

/** GET /api/v1/vms/{id} */
export const GET = withAuth(async (_request, { params }) => {
  const vm = await getVm(params.id ?? "");
  if (!vm) throw new AppError("not_found", "No such VM");
  return Response.json({ vm });
});
