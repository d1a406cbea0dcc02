import { withAuth } from "@/lib/api/route";
import { AppError } from "@/lib/errors";
import { snapshotRefSchema } from "@/lib/schemas/snapshot";
import { revertSnapshot } from "@/lib/vms/snapshots";

/** POST /api/v1/vms/{id}/snapshots/{name}/revert */
export const POST = withAuth(async (_request, { user, params }) => {
  const ref = snapshotRefSchema.safeParse(params);
  if (!ref.success) throw new AppError("invalid", ref.error.issues[0]?.message ?? "Invalid name");
  await revertSnapshot(user, ref.data);
  return Response.json({ name: ref.data.name });
});
