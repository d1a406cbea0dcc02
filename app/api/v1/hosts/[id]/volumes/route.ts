import { withAuth } from "@/lib/api/route";
import { listHostVolumes } from "@/lib/storage/read-storage";

/** GET /api/v1/hosts/{id}/volumes — every pool of the host with its volumes, read live. */
export const GET = withAuth(async (_request, { params }) =>
  Response.json({ pools: await listHostVolumes(params.id ?? "") }),
);
