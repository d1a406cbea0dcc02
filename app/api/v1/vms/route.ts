import { withAuth } from "@/lib/api/route";
import { AppError } from "@/lib/errors";
import { listVms } from "@/lib/inventory/list-vms";
import { vmListQuerySchema } from "@/lib/schemas/vm";

/** GET /api/v1/vms?q=&host=&state=&tag= — the inventory, from the database. */
export const GET = withAuth(async (request) => {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const parsed = vmListQuerySchema.safeParse(params);
  if (!parsed.success)
    throw new AppError("invalid", parsed.error.issues[0]?.message ?? "Invalid query");
  return Response.json({ vms: await listVms(parsed.data) });
});
