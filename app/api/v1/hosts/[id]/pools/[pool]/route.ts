import { withAuth } from "@/lib/api/route";
import { poolRefSchema } from "@/lib/schemas/storage";
import { parseOr400 } from "@/lib/storage/api-input";
import { deletePool } from "@/lib/storage/pool-actions";
import { getPoolDetail } from "@/lib/storage/read-storage";

const refOf = (p: Record<string, string>) =>
  parseOr400(poolRefSchema, { hostId: p.id, pool: p.pool });

/** GET /api/v1/hosts/{id}/pools/{pool} — the pool, its volumes (with the VMs using them), XML. */
export const GET = withAuth(async (_request, { params }) => {
  const ref = refOf(params);
  return Response.json({ pool: await getPoolDetail(ref.hostId, ref.pool) });
});

/** DELETE …/{pool}[?deleteStorage=true] — 409 while VMs use its volumes. */
export const DELETE = withAuth(async (request, { params, user }) => {
  const ref = refOf(params);
  const deleteStorage = new URL(request.url).searchParams.get("deleteStorage") === "true";
  await deletePool(user, ref, deleteStorage);
  return Response.json({ deleted: ref });
});
