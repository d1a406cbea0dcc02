import { readJson, withAuth } from "@/lib/api/route";
import { AppError } from "@/lib/errors";
import { getVm } from "@/lib/inventory/list-vms";
import { addNic, removeNic } from "@/lib/networks/vm-nics";
import { addNicSchema, removeNicSchema } from "@/lib/schemas/network";

/**
 * POST /api/v1/vms/{id}/nics — {type: network|bridge, source, model?, mac?}; 201
 * {nic: {mac, applied: live|next-boot}, vm}.
 */
export const POST = withAuth(async (request, { params, user }) => {
  const input = await readJson(request, addNicSchema.omit({ id: true }));
  const nic = await addNic(user, params.id ?? "", input);
  return Response.json({ nic, vm: await getVm(params.id ?? "") }, { status: 201 });
});

/** DELETE /api/v1/vms/{id}/nics?mac=52:54:00:… — {nic: {mac, applied}, vm}. */
export const DELETE = withAuth(async (request, { params, user }) => {
  const parsed = removeNicSchema.safeParse({
    id: params.id,
    mac: new URL(request.url).searchParams.get("mac") ?? "",
  });
  if (!parsed.success) throw new AppError("invalid", parsed.error.issues[0]?.message ?? "Invalid");
  const nic = await removeNic(user, parsed.data.id, parsed.data.mac);
  return Response.json({ nic, vm: await getVm(parsed.data.id) });
});
