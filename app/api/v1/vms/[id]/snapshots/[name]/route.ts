import { withAuth } from "@/lib/api/route";
import { AppError } from "@/lib/errors";
import { snapshotRefSchema } from "@/lib/schemas/snapshot";
import { deleteSnapshot } from "@/lib/vms/snapshots";

/** DELETE /api/v1/vms/{id}/snapshots/{name} */
export const DELETE = withAuth(async (_request, { user, params }) => {
  const ref = snapshotRefSchema.safeParse(params);
  if (!ref.success) throw new AppError("invalid", ref.error.issues[0]?.message ?? "Invalid name");
  await deleteSnapshot(user, ref.data);
  return new Response(null, { status: 204 });
});
