// Probes outside /api/v1 (as load balancers and Kubernetes expect them): /healthz and /readyz.
import { livenessOp, readinessOp } from "@/lib/health/operations";
import type { Readiness } from "@/lib/health/readiness";
import type { RouteSpec } from "../route";

const NO_STORE = { "cache-control": "no-store" };

export const healthRoutes = {
  "GET /healthz": {
    operation: livenessOp,
    respond: (result: { status: "ok" }) => Response.json(result, { headers: NO_STORE }),
  },
  "GET /readyz": {
    operation: readinessOp,
    respond: ({ ready, ...facts }: Readiness) =>
      Response.json(
        { status: ready ? "ready" : "not ready", ...facts },
        { status: ready ? 200 : 503, headers: NO_STORE },
      ),
  },
} satisfies Record<string, RouteSpec>;
