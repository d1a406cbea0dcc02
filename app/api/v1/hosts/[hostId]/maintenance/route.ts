import { apiRoute } from "@/lib/api/routes";

export const PUT = apiRoute("PUT /api/v1/hosts/{hostId}/maintenance");
