import { apiRoute } from "@/lib/api/routes";

export const GET = apiRoute("GET /api/v1/auth/lockouts");
export const DELETE = apiRoute("DELETE /api/v1/auth/lockouts");
