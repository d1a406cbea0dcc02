import { withAuth } from "@/lib/api/route";
import { takeScreenshot } from "@/lib/consoles/screenshot";

/** GET /api/v1/vms/{id}/consoles/screenshot — the VM's screen now (PNG from QEMU). */
export const GET = withAuth(async (_request, { params }) => {
  const { mime, bytes } = await takeScreenshot(params.id ?? "");
  return new Response(new Uint8Array(bytes), {
    headers: { "content-type": mime, "cache-control": "no-store" },
  });
});
