import { withAuth } from "@/lib/api/route";
import { volumeRefSchema } from "@/lib/schemas/storage";
import { parseOr400 } from "@/lib/storage/api-input";
import { deleteVolume } from "@/lib/storage/volume-actions";

/** DELETE …/{pool}/volumes/{volume} — 409 while a VM has a disk on it. */
export const DELETE = withAuth(async (_request, { params, user }) => {
  const ref = parseOr400(volumeRefSchema, {
    hostId: params.id,
    pool: params.pool,
    volume: params.volume,
  });
  await deleteVolume(user, ref);
  return Response.json({ deleted: ref });
});
