import { browserRoute } from "@/lib/api/browser-routes";

export const GET = browserRoute("GET /auth/oidc/start");
