import { apiRoute } from "@/lib/api/routes";

export const PATCH = apiRoute("PATCH /api/v1/users/{id}");
export const DELETE = apiRoute("DELETE /api/v1/users/{id}");
