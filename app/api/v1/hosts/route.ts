import { readJson, withAuth } from "@/lib/api/route";
import { createHost } from "@/lib/hosts/save-host";
import { listHosts } from "@/lib/hosts/store";
import { toHostSummary } from "@/lib/inventory/summaries";
import { createHostSchema } from "@/lib/schemas/host";

/** GET /api/v1/hosts — every host with its last known status, from the database. */
export const GET = withAuth(async () =>
  Response.json({ hosts: (await listHosts()).map(toHostSummary) }),
);

/**
 * POST /api/v1/hosts {name, uri, sshUser?, privateKey?, sshHostKey?} — validated and
 * connection-tested like the Hosts page; nothing is saved unless the host answers.
 */
export const POST = withAuth(async (request, { user }) => {
  const input = await readJson(request, createHostSchema);
  const { host, probe } = await createHost(input, user);
  return Response.json({ host: toHostSummary(host), reached: probe }, { status: 201 });
});
