import { apiRoute } from "@/lib/api/routes";

export const POST = apiRoute("POST /api/v1/hosts/{hostId}/networks/{name}/dhcp-hosts");
export const DELETE = apiRoute("DELETE /api/v1/hosts/{hostId}/networks/{name}/dhcp-hosts");
