import { apiRoute } from "@/lib/api/routes";

export const GET = apiRoute("GET /api/v1/hosts/{hostId}/metrics");
