import { apiRoute } from "@/lib/api/routes";

export const DELETE = apiRoute("DELETE /api/v1/vm-groups/{name}");
