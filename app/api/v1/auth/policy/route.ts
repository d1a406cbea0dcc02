import { apiRoute } from "@/lib/api/routes";

export const GET = apiRoute("GET /api/v1/auth/policy");
export const PUT = apiRoute("PUT /api/v1/auth/policy");
