import { withAuth } from "@/lib/api/route";
import { createVolumeSchema, poolRefSchema } from "@/lib/schemas/storage";
import { jsonBody, parseOr400 } from "@/lib/storage/api-input";
import { createVolume } from "@/lib/storage/create-volume";
import { listPoolVolumes } from "@/lib/storage/read-storage";

/** GET …/{pool}/volumes — name, path, format, capacity, allocation, used-by VMs. */
export const GET = withAuth(async (_request, { params }) => {
  const ref = parseOr400(poolRefSchema, { hostId: params.id, pool: params.pool });
  return Response.json({ volumes: await listPoolVolumes(ref.hostId, ref.pool) });
});

/** POST …/{pool}/volumes — {name, format: qcow2|raw, capacity: "20G", backing?}; 201 {volume}. */
export const POST = withAuth(async (request, { params, user }) => {
  const body = await jsonBody(request);
  const input = parseOr400(createVolumeSchema, { ...body, hostId: params.id, pool: params.pool });
  return Response.json({ volume: await createVolume(user, input) }, { status: 201 });
});
