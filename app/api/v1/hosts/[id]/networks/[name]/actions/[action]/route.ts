import { withAuth } from "@/lib/api/route";
import { AppError } from "@/lib/errors";
import { setNetworkAutostart, startNetwork, stopNetwork } from "@/lib/networks/network-actions";
import { getNetworkDetail } from "@/lib/networks/network-detail";
import { networkActionSchema } from "@/lib/schemas/network";

/** POST …/{name}/actions/{start|stop|autostart}; autostart takes {"on": false} to turn it off. */
export const POST = withAuth(async (request, { params, user }) => {
  const body = (await request.json().catch(() => ({}))) as { on?: unknown };
  const parsed = networkActionSchema.safeParse({
    hostId: params.id,
    name: params.name,
    action: params.action,
    on: body?.on ?? true,
  });
  if (!parsed.success) throw new AppError("invalid", parsed.error.issues[0]?.message ?? "Invalid");
  const { action, on, ...ref } = parsed.data;
  if (action === "start") await startNetwork(user, ref);
  else if (action === "stop") await stopNetwork(user, ref);
  else await setNetworkAutostart(user, ref, on);
  return Response.json({ network: await getNetworkDetail(ref.hostId, ref.name) });
});
