import { apiRoute } from "@/lib/api/routes";

export const GET = apiRoute("GET /api/v1/vms/{id}/metrics");
