import { withAuth } from "@/lib/api/route";
import { poolActionSchema } from "@/lib/schemas/storage";
import { jsonBody, parseOr400 } from "@/lib/storage/api-input";
import { poolAction } from "@/lib/storage/pool-actions";
import { getPoolDetail } from "@/lib/storage/read-storage";

/** POST …/{pool}/actions/{build|start|stop|refresh|autostart}; autostart takes {"on": false}. */
export const POST = withAuth(async (request, { params, user }) => {
  const body = await jsonBody(request);
  const input = parseOr400(poolActionSchema, {
    hostId: params.id,
    pool: params.pool,
    action: params.action,
    on: body.on ?? true,
  });
  await poolAction(user, input);
  return Response.json({ pool: await getPoolDetail(input.hostId, input.pool) });
});
