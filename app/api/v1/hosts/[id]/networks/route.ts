import { readJson, withAuth } from "@/lib/api/route";
import { createNetwork } from "@/lib/networks/create-network";
import { getNetworkDetail } from "@/lib/networks/network-detail";
import { listHostNetworks } from "@/lib/networks/read-networks";
import { createNetworkSchema } from "@/lib/schemas/network";

/** GET /api/v1/hosts/{id}/networks — the host's networks, read live (502 when it is offline). */
export const GET = withAuth(async (_request, { params }) =>
  Response.json({ networks: await listHostNetworks(params.id ?? "") }),
);

/** POST /api/v1/hosts/{id}/networks — {kind, name, …}: checked, defined, started; 201 {network}. */
export const POST = withAuth(async (request, { params, user }) => {
  const body = await request
    .clone()
    .json()
    .catch(() => null);
  const input = await readJson(
    new Request(request.url, {
      method: "POST",
      body: JSON.stringify({ ...(body ?? {}), hostId: params.id ?? "" }),
    }),
    createNetworkSchema,
  );
  await createNetwork(user, input);
  return Response.json(
    { network: await getNetworkDetail(input.hostId, input.name) },
    { status: 201 },
  );
});
