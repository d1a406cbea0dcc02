import { withAuth } from "@/lib/api/route";
import { getHostDetails } from "@/lib/hosts/host-details";
import { deleteHost } from "@/lib/hosts/store";

/** GET /api/v1/hosts/{id} — status, facts, VM counts and status history (private key never). */
export const GET = withAuth(async (_request, { params }) =>
  Response.json({ host: await getHostDetails(params.id ?? "") }),
);

/** DELETE /api/v1/hosts/{id} — Virtdeck forgets the host; nothing on the host changes. */
export const DELETE = withAuth(async (_request, { params, user }) => {
  const host = await deleteHost(params.id ?? "", user);
  return Response.json({ deleted: { id: host.id, name: host.name } });
});
