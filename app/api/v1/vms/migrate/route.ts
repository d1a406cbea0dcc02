import { apiRoute } from "@/lib/api/routes";

export const POST = apiRoute("POST /api/v1/vms/migrate");
