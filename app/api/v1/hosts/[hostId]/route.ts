import { apiRoute } from "@/lib/api/routes";

export const GET = apiRoute("GET /api/v1/hosts/{hostId}");
export const PUT = apiRoute("PUT /api/v1/hosts/{hostId}");
export const DELETE = apiRoute("DELETE /api/v1/hosts/{hostId}");
