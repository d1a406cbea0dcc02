// Metrics: history for graphs, the usage of now for the lists, and the Prometheus scrape
// (/metrics, outside /api/v1, where scrapers look).
import {
  hostMetricsOp,
  metricsNowOp,
  prometheusScrapeOp,
  vmMetricsOp,
} from "@/lib/metrics/operations";
import type { RouteSpec } from "../route";

const history = ["range", "cf"] as const;

export const metricRoutes = {
  "GET /metrics": {
    operation: prometheusScrapeOp,
    respond: ({ text }: { text: string }) =>
      new Response(text, {
        headers: {
          "content-type": "text/plain; version=0.0.4; charset=utf-8",
          "cache-control": "no-store",
        },
      }),
  },
  "GET /api/v1/metrics/now": { operation: metricsNowOp },
  "GET /api/v1/vms/{id}/metrics": { operation: vmMetricsOp, query: history },
  "GET /api/v1/hosts/{hostId}/metrics": {
    operation: hostMetricsOp,
    query: history,
    params: { hostId: "id" },
  },
} satisfies Record<string, RouteSpec>;
