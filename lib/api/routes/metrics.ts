// Metrics: history for graphs and the usage of now for the lists (the Prometheus scrape is
// /metrics, outside /api/v1).
import { hostMetricsOp, metricsNowOp, vmMetricsOp } from "@/lib/metrics/operations";
import type { RouteSpec } from "../route";

const history = ["range", "cf"] as const;

export const metricRoutes = {
  "GET /api/v1/metrics/now": { operation: metricsNowOp },
  "GET /api/v1/vms/{id}/metrics": { operation: vmMetricsOp, query: history },
  "GET /api/v1/hosts/{hostId}/metrics": {
    operation: hostMetricsOp,
    query: history,
    params: { hostId: "id" },
  },
} satisfies Record<string, RouteSpec>;
