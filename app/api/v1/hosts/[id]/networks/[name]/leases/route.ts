import { withAuth } from "@/lib/api/route";
import { AppError } from "@/lib/errors";
import { getNetworkLeases } from "@/lib/networks/network-detail";
import { networkRefSchema } from "@/lib/schemas/network";

/** GET /api/v1/hosts/{id}/networks/{name}/leases — {leases: [{mac, ip, prefix, hostname, expiresAt, vm}]} */
export const GET = withAuth(async (_request, { params }) => {
  const parsed = networkRefSchema.safeParse({ hostId: params.id, name: params.name });
  if (!parsed.success) throw new AppError("invalid", parsed.error.issues[0]?.message ?? "Invalid");
  return Response.json({ leases: await getNetworkLeases(parsed.data.hostId, parsed.data.name) });
});
