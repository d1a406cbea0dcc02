import { readJson, withAuth } from "@/lib/api/route";
import { createSnapshotSchema } from "@/lib/schemas/snapshot";
import { createSnapshot, listSnapshots } from "@/lib/vms/snapshots";

/** GET /api/v1/vms/{id}/snapshots — the snapshot tree, the current one marked. */
export const GET = withAuth(async (_request, { params }) =>
  Response.json({ snapshots: await listSnapshots(params.id ?? "") }),
);

/** POST /api/v1/vms/{id}/snapshots — `{ name, description?, memory? }`. */
export const POST = withAuth(async (request, { user, params }) => {
  const body = await readJson(request, createSnapshotSchema.omit({ id: true }));
  await createSnapshot(user, { ...body, id: params.id ?? "" });
  return Response.json({ name: body.name }, { status: 201 });
});
