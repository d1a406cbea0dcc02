"use client";
// One graph of a series' history, drawn by uPlot on a canvas: every slot of the range on the
// x axis, a slot without a point drawn as a gap (the VM was off, the host offline), never as a
// zero; a readout of the slot under the pointer; the theme's colours, redrawn when it changes.
import { useEffect, useRef, useState } from "react";
import type uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import type { MetricUnit } from "@/lib/metrics/fields";
import type { SeriesHistory } from "@/lib/metrics/tiers";
import { formatMetric } from "./format-metric";

export interface GraphLine {
  field: string;
  label: string;
}

const COLORS = ["#6366f1", "#10b981", "#f59e0b", "#ef4444"];

/** Every slot from the range's start to its end, with the history's values or null. */
export function alignToSlots(
  h: SeriesHistory,
  fields: string[],
): [number[], ...(number | null)[][]] {
  const first = Math.ceil(h.from / h.step) * h.step;
  const x: number[] = [];
  for (let t = first; t <= h.to; t += h.step) x.push(t);
  const at = new Map(h.t.map((t, i) => [t, i]));
  const ys = fields.map((f) => {
    const values = h.values[f] ?? [];
    return x.map((t) => {
      const i = at.get(t);
      return i === undefined ? null : (values[i] ?? null);
    });
  });
  return [x, ...ys];
}

function useDark(): boolean {
  const [dark, setDark] = useState(false);
  useEffect(() => {
    const html = document.documentElement;
    const read = () => setDark(html.classList.contains("dark"));
    read();
    const observer = new MutationObserver(read);
    observer.observe(html, { attributes: true, attributeFilter: ["class"] });
    return () => observer.disconnect();
  }, []);
  return dark;
}

/** The y axis's least top, so an idle graph is not scaled up to its noise. */
const LEAST_TOP: Record<MetricUnit, number> = {
  percent: 100,
  bytes: 1024 * 1024,
  "bytes/s": 1024,
  "ops/s": 10,
  "packets/s": 10,
  count: 1,
};

/** An x-axis label in UTC, as every time in Virtdeck is shown: finer for finer ranges. */
function axisTime(t: number, span: number): string {
  const iso = new Date(t * 1000).toISOString();
  if (span <= 2 * 86400) return iso.slice(11, 16);
  if (span <= 40 * 86400) return `${iso.slice(5, 10)} ${iso.slice(11, 13)}h`;
  return iso.slice(0, 10);
}

function timeWords(t: number, step: number): string {
  const iso = new Date(t * 1000).toISOString();
  return step >= 3600 ? iso.slice(0, 16).replace("T", " ") : iso.slice(0, 19).replace("T", " ");
}

export function MetricsGraph({
  title,
  history,
  lines,
  unit,
  max,
}: {
  title: string;
  history: SeriesHistory;
  lines: GraphLine[];
  unit: MetricUnit;
  /** A fixed top of the y axis (100 for %), else it follows the data. */
  max?: number;
}) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const dark = useDark();
  const [readout, setReadout] = useState<string | null>(null);
  const data = alignToSlots(
    history,
    lines.map((l) => l.field),
  );
  const latest = useRef(data);
  latest.current = data;
  const points = history.t.length;

  // Built again when the theme, the lines or the step change; data alone is only replaced.
  const shape = `${dark}|${lines.map((l) => l.field).join(",")}|${history.step}|${unit}|${max}`;
  // biome-ignore lint/correctness/useExhaustiveDependencies: rebuilt only when its shape changes
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    let cancelled = false;
    let observer: ResizeObserver | null = null;
    void import("uplot").then(({ default: UPlot }) => {
      if (cancelled) return;
      const axis = dark ? "#a1a1aa" : "#52525b";
      const grid = dark ? "#27272a" : "#e4e4e7";
      const step = history.step;
      const opts: uPlot.Options = {
        width: el.clientWidth || 600,
        height: 160,
        legend: { show: false },
        cursor: { points: { size: 6 } },
        scales: {
          // The whole range, points or not: every slot is on the x axis (alignToSlots).
          x: {
            time: true,
            range: (u) => [u.data[0][0] ?? 0, u.data[0][u.data[0].length - 1] ?? 1],
          },
          y: { range: (_u, _lo, hi) => [0, max ?? Math.max((hi ?? 0) * 1.1, LEAST_TOP[unit])] },
        },
        axes: [
          {
            stroke: axis,
            grid: { stroke: grid, width: 1 },
            ticks: { stroke: grid },
            values: (u, splits) => {
              const x = u.data[0];
              const span = (x[x.length - 1] ?? 0) - (x[0] ?? 0);
              return splits.map((t) => axisTime(t, span));
            },
          },
          {
            stroke: axis,
            grid: { stroke: grid, width: 1 },
            ticks: { stroke: grid },
            size: 70,
            values: (_u, splits) => splits.map((v) => formatMetric(v, unit)),
          },
        ],
        series: [
          {},
          ...lines.map((l, i) => ({
            label: l.label,
            stroke: COLORS[i % COLORS.length],
            fill: lines.length === 1 ? `${COLORS[0]}22` : undefined,
            width: 1.5,
            spanGaps: false,
          })),
        ],
        hooks: {
          setCursor: [
            (u) => {
              const i = u.cursor.idx;
              if (i === null || i === undefined) return setReadout(null);
              const d = latest.current;
              const t = d[0][i] as number;
              const parts = lines.map(
                (l, k) => `${l.label} ${formatMetric(d[k + 1]?.[i] ?? null, unit)}`,
              );
              setReadout(`${timeWords(t, step)} UTC · ${parts.join(" · ")}`);
            },
          ],
        },
      };
      plot.current?.destroy();
      plot.current = new UPlot(opts, latest.current as uPlot.AlignedData, el);
      observer = new ResizeObserver(() =>
        plot.current?.setSize({ width: el.clientWidth, height: 160 }),
      );
      observer.observe(el);
    });
    return () => {
      cancelled = true;
      observer?.disconnect();
      plot.current?.destroy();
      plot.current = null;
    };
  }, [shape]);

  // New points (the live tail, a re-read) replace the data; the plot keeps its shape.
  useEffect(() => {
    plot.current?.setData(data as uPlot.AlignedData);
  });

  return (
    <figure
      className="rounded-lg border border-zinc-200 bg-white p-3 dark:border-zinc-800 dark:bg-zinc-900"
      data-testid="metrics-graph"
      data-graph={title}
      data-points={points}
    >
      <figcaption className="mb-1 flex flex-wrap items-baseline justify-between gap-2 text-sm">
        <span className="font-medium">{title}</span>
        <span
          className="text-xs tabular-nums text-zinc-600 dark:text-zinc-400"
          data-testid="graph-readout"
          aria-live="off"
        >
          {readout ??
            (points === 0
              ? "No data in this range yet"
              : lines.map((l, i) => (
                  <span key={l.field} className="ml-2">
                    <span aria-hidden style={{ color: COLORS[i % COLORS.length] }}>
                      ■
                    </span>{" "}
                    {l.label}
                  </span>
                )))}
        </span>
      </figcaption>
      <div ref={box} className="w-full" />
    </figure>
  );
}
