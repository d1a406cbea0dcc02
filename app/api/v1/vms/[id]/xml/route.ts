import { withAuth } from "@/lib/api/route";
import { vmOnHost } from "@/lib/vms/run-action";

/** GET /api/v1/vms/{id}/xml — the live domain XML (secure fields such as VNC passwords left out). */
export const GET = withAuth(async (_request, { params }) => {
  const { conn, dom } = await vmOnHost(params.id ?? "");
  const xml = await conn.domains.xml(dom, 0);
  return new Response(xml, { headers: { "content-type": "application/xml; charset=utf-8" } });
});
