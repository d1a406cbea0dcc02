import { apiRoute } from "@/lib/api/routes";

export const PUT = apiRoute("PUT /api/v1/roles/{name}");
export const DELETE = apiRoute("DELETE /api/v1/roles/{name}");
