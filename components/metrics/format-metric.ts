import { formatRate, formatSize } from "@/lib/format";
import type { MetricUnit } from "@/lib/metrics/fields";

/** A metric's value in its unit's words: "42.5 %", "1.2 MiB/s", "12 ops/s". */
export function formatMetric(value: number | null | undefined, unit: MetricUnit): string {
  if (value === null || value === undefined || Number.isNaN(value)) return "—";
  switch (unit) {
    case "percent":
      return `${value.toFixed(value < 10 ? 1 : 0)} %`;
    case "bytes":
      return formatSize(value);
    case "bytes/s":
      return formatRate(value);
    case "ops/s":
      return `${value < 10 ? value.toFixed(1) : Math.round(value)} ops/s`;
    case "packets/s":
      return `${value < 10 ? value.toFixed(1) : Math.round(value)} pkt/s`;
    case "count":
      return String(Math.round(value));
  }
}
