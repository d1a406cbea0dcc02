import { withAuth } from "@/lib/api/route";
import { AppError } from "@/lib/errors";
import { uploadVolumeSchema } from "@/lib/schemas/storage";
import { parseOr400 } from "@/lib/storage/api-input";
import { uploadVolume } from "@/lib/storage/upload-volume";

/**
 * PUT …/{pool}/upload?name=disk.iso&format=raw|qcow2|iso — the body is the file, streamed, with
 * a Content-Length (checked against the pool's free space before anything is created). 201.
 */
export const PUT = withAuth(async (request, { params, user }) => {
  const q = new URL(request.url).searchParams;
  const length = request.headers.get("content-length");
  if (!length) throw new AppError("invalid", "Send the file with a Content-Length header");
  const input = parseOr400(uploadVolumeSchema, {
    hostId: params.id,
    pool: params.pool,
    name: q.get("name") ?? "",
    format: q.get("format") ?? "raw",
    size: /^\d+$/.test(length) ? Number(length) : length,
  });
  if (!request.body) throw new AppError("invalid", "The request has no body");
  const volume = await uploadVolume(user, input, request.body);
  return Response.json({ volume }, { status: 201 });
});

export const POST = PUT;
