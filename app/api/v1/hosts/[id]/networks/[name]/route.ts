import { withAuth } from "@/lib/api/route";
import { AppError } from "@/lib/errors";
import { deleteNetwork } from "@/lib/networks/network-actions";
import { getNetworkDetail } from "@/lib/networks/network-detail";
import { networkRefSchema } from "@/lib/schemas/network";

function refOf(params: Record<string, string>) {
  const parsed = networkRefSchema.safeParse({ hostId: params.id, name: params.name });
  if (!parsed.success) throw new AppError("invalid", parsed.error.issues[0]?.message ?? "Invalid");
  return parsed.data;
}

/** GET /api/v1/hosts/{id}/networks/{name} — settings, leases, static hosts, XML, VMs. */
export const GET = withAuth(async (_request, { params }) => {
  const ref = refOf(params);
  return Response.json({ network: await getNetworkDetail(ref.hostId, ref.name) });
});

/** DELETE …/{name}[?force=true] — 409 with the VMs' names while VMs use it, unless forced. */
export const DELETE = withAuth(async (request, { params, user }) => {
  const ref = refOf(params);
  const force = new URL(request.url).searchParams.get("force") === "true";
  await deleteNetwork(user, ref, force);
  return Response.json({ deleted: ref });
});
