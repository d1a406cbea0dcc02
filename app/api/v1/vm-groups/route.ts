import { apiRoute } from "@/lib/api/routes";

export const GET = apiRoute("GET /api/v1/vm-groups");
export const POST = apiRoute("POST /api/v1/vm-groups");
