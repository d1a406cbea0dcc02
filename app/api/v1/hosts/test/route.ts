import { readJson, withAuth } from "@/lib/api/route";
import { probeHost } from "@/lib/hosts/probe-host";
import { testHostSchema } from "@/lib/schemas/host";

/**
 * POST /api/v1/hosts/test {uri, sshUser?, privateKey?, sshHostKey?} — connects once and says
 * what answered; for SSH also the offered host key, to pass as sshHostKey when creating.
 */
export const POST = withAuth(async (request) => {
  const input = await readJson(request, testHostSchema);
  return Response.json({
    reached: await probeHost({ ...input, hostId: input.id }, { trustOffered: true }),
  });
});
