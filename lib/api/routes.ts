// Every route of /api/v1 (and the two probes, /healthz and /readyz), by "METHOD path": the
// operation it runs and how its input is read.
// app/api/**/route.ts files only name their entry (`apiRoute("GET /api/v1/vms")`), so the
// OpenAPI document (lib/api/openapi.ts) and the tests see exactly what is served.
import "server-only";
import { type HttpMethod, type RouteSpec, routeHandler } from "./route";
import { accessRoutes } from "./routes/access";
import { docRoutes } from "./routes/docs";
import { healthRoutes } from "./routes/health";
import { hostRoutes } from "./routes/hosts";
import { metricRoutes } from "./routes/metrics";
import { taskRoutes } from "./routes/tasks";
import { vmRoutes } from "./routes/vms";

export const API_ROUTES = {
  ...accessRoutes,
  ...hostRoutes,
  ...vmRoutes,
  ...taskRoutes,
  ...metricRoutes,
  ...docRoutes,
  ...healthRoutes,
} satisfies Record<string, RouteSpec>;

export type RouteKey = keyof typeof API_ROUTES;

export function apiRoute(key: RouteKey) {
  const [method] = key.split(" ") as [HttpMethod];
  return routeHandler(method, API_ROUTES[key]);
}
