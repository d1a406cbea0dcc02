import { withAuth } from "@/lib/api/route";
import { volumeRefSchema } from "@/lib/schemas/storage";
import { parseOr400 } from "@/lib/storage/api-input";
import { downloadVolume } from "@/lib/storage/download-volume";

/** GET …/volumes/{volume}/download — the volume's bytes, streamed from libvirt. */
export const GET = withAuth(async (_request, { params }) => {
  const ref = parseOr400(volumeRefSchema, {
    hostId: params.id,
    pool: params.pool,
    volume: params.volume,
  });
  const body = await downloadVolume(ref);
  return new Response(body, {
    headers: {
      "Content-Type": "application/octet-stream",
      // The name passed the volume-name schema: no quotes or separators to escape.
      "Content-Disposition": `attachment; filename="${ref.volume}"`,
      "Cache-Control": "no-store",
    },
  });
});
