import { withAuth } from "@/lib/api/route";
import { AppError } from "@/lib/errors";
import { cloneVolumeSchema, resizeVolumeSchema } from "@/lib/schemas/storage";
import { jsonBody, parseOr400 } from "@/lib/storage/api-input";
import { cloneVolume, resizeVolume, volumeCopyProgress } from "@/lib/storage/volume-actions";

/** POST …/volumes/{volume}/actions/resize {capacity: "30G"} or …/actions/clone {name}. */
export const POST = withAuth(async (request, { params, user }) => {
  const raw = {
    ...(await jsonBody(request)),
    hostId: params.id,
    pool: params.pool,
    volume: params.volume,
  };
  if (params.action === "resize") {
    const input = parseOr400(resizeVolumeSchema, raw);
    await resizeVolume(user, input, input.capacity, input.shrink);
    return Response.json({ resized: { volume: input.volume, capacity: input.capacity } });
  }
  if (params.action === "clone") {
    const input = parseOr400(cloneVolumeSchema, raw);
    const volume = await cloneVolume(user, input, input.name, volumeCopyProgress(user, input));
    return Response.json({ volume }, { status: 201 });
  }
  throw new AppError("invalid", "The action must be resize or clone");
});
