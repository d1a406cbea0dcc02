"use client";
// The graphs of a VM or a host: a range (hour to year), average or maximum, and one graph per
// resource. The hour range gains each collection round's point live.
import { useState } from "react";
import type { MetricUnit } from "@/lib/metrics/fields";
import { type Consolidation, type MetricRange, RANGES } from "@/lib/metrics/tiers";
import { useMetricHistory } from "@/lib/queries/metrics";
import { type GraphLine, MetricsGraph } from "./metrics-graph";

interface GraphSpec {
  title: string;
  lines: GraphLine[];
  unit: MetricUnit;
  max?: number;
}

export const VM_GRAPHS: GraphSpec[] = [
  { title: "CPU", lines: [{ field: "cpu", label: "CPU" }], unit: "percent", max: 100 },
  { title: "Memory", lines: [{ field: "memUsed", label: "used" }], unit: "bytes" },
  {
    title: "Disk I/O",
    lines: [
      { field: "diskRead", label: "read" },
      { field: "diskWrite", label: "write" },
    ],
    unit: "bytes/s",
  },
  {
    title: "Network",
    lines: [
      { field: "netRx", label: "in" },
      { field: "netTx", label: "out" },
    ],
    unit: "bytes/s",
  },
];

export const HOST_GRAPHS: GraphSpec[] = [
  { title: "CPU", lines: [{ field: "cpu", label: "CPU" }], unit: "percent", max: 100 },
  {
    title: "Memory",
    lines: [
      { field: "memUsed", label: "used" },
      { field: "memTotal", label: "total" },
    ],
    unit: "bytes",
  },
  { title: "Running VMs", lines: [{ field: "vmsRunning", label: "running" }], unit: "count" },
];

const RANGE_WORDS: Record<MetricRange, string> = {
  hour: "Hour",
  day: "Day",
  week: "Week",
  month: "Month",
  year: "Year",
};

function Segmented<T extends string>({
  label,
  options,
  value,
  onChange,
}: {
  label: string;
  options: [T, string][];
  value: T;
  onChange: (v: T) => void;
}) {
  return (
    <fieldset className="inline-flex rounded-md border border-zinc-300 dark:border-zinc-700">
      <legend className="sr-only">{label}</legend>
      {options.map(([v, words]) => (
        <button
          key={v}
          type="button"
          aria-pressed={value === v}
          onClick={() => onChange(v)}
          className={`px-2.5 py-1 text-sm first:rounded-l-md last:rounded-r-md ${
            value === v
              ? "bg-indigo-600 text-white dark:bg-indigo-500"
              : "text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800"
          }`}
        >
          {words}
        </button>
      ))}
    </fieldset>
  );
}

export function MetricsPanel({
  kind,
  seriesId,
  apiId,
  graphs,
}: {
  kind: "vm" | "host";
  /** The VM's UUID (its history follows it across hosts) or the host's id. */
  seriesId: string;
  /** The id its API routes take. */
  apiId: string;
  graphs: GraphSpec[];
}) {
  const [range, setRange] = useState<MetricRange>("hour");
  const [cf, setCf] = useState<Consolidation>("avg");
  const { data, error } = useMetricHistory(kind, seriesId, apiId, range, cf);
  const step = RANGES[range];
  return (
    <section aria-label="Usage graphs" className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center gap-3">
        <Segmented
          label="Range"
          options={(Object.keys(RANGE_WORDS) as MetricRange[]).map((r) => [r, RANGE_WORDS[r]])}
          value={range}
          onChange={setRange}
        />
        <Segmented
          label="Consolidation"
          options={[
            ["avg", "Average"],
            ["max", "Maximum"],
          ]}
          value={cf}
          onChange={setCf}
        />
        {data ? (
          <span className="text-xs text-zinc-600 dark:text-zinc-400">
            a point every {data.step >= 60 ? `${data.step / 60} min` : `${data.step} s`} over the
            last {RANGE_WORDS[range].toLowerCase()}
            {step.tier > 0 ? ` (${cf === "max" ? "maximum" : "average"} of each)` : ""}
          </span>
        ) : null}
      </div>
      {error ? <p className="text-sm text-red-700 dark:text-red-400">{error.message}</p> : null}
      {data ? (
        <div className="grid gap-3 xl:grid-cols-2">
          {graphs.map((g) => (
            <MetricsGraph key={g.title} history={data} {...g} />
          ))}
        </div>
      ) : null}
    </section>
  );
}
