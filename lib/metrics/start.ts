// Starts the metrics collector beside the host connections (server.ts).
import type { ConnectionManager } from "@/lib/hosts/connection-manager";
import { installCollector, MetricsCollector } from "./collector";

export function startMetrics(
  manager: ConnectionManager,
  intervalSeconds: number,
): MetricsCollector {
  const collector = new MetricsCollector(manager, intervalSeconds);
  installCollector(collector);
  collector.start();
  return collector;
}
