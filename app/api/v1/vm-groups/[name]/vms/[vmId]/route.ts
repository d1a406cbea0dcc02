import { apiRoute } from "@/lib/api/routes";

export const PUT = apiRoute("PUT /api/v1/vm-groups/{name}/vms/{vmId}");
export const DELETE = apiRoute("DELETE /api/v1/vm-groups/{name}/vms/{vmId}");
