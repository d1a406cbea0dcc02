import { withAuth } from "@/lib/api/route";
import { createPoolSchema } from "@/lib/schemas/storage";
import { jsonBody, parseOr400 } from "@/lib/storage/api-input";
import { createPool } from "@/lib/storage/pool-actions";
import { getPoolDetail, hostPoolTypes, listHostPools } from "@/lib/storage/read-storage";

/**
 * GET /api/v1/hosts/{id}/pools — the host's pools, read live (502 when it is offline), and the
 * pool types it can create (`poolTypes`).
 */
export const GET = withAuth(async (_request, { params }) => {
  const hostId = params.id ?? "";
  const [pools, poolTypes] = await Promise.all([listHostPools(hostId), hostPoolTypes(hostId)]);
  return Response.json({ pools, poolTypes });
});

/** POST /api/v1/hosts/{id}/pools — {type: "dir", name, path, build?, start?, autostart?}; 201 {pool}. */
export const POST = withAuth(async (request, { params, user }) => {
  const input = parseOr400(createPoolSchema, { ...(await jsonBody(request)), hostId: params.id });
  await createPool(user, input);
  return Response.json({ pool: await getPoolDetail(input.hostId, input.name) }, { status: 201 });
});
