// Round-robin history, as Proxmox's RRD files keep it: a fine tier written every tick and
// coarser tiers rolled up from the tier below once each of their slots has closed, every tier
// dropping points older than it keeps. Each point holds, per field, the slot's average and
// maximum (a coarse average alone flattens spikes). Pure: the store and the tests use it.

export interface Tier {
  id: number;
  /** Seconds per point. */
  step: number;
  /** Seconds of history kept. */
  keep: number;
}

const HOUR = 3600;
const DAY = 24 * HOUR;

/** The tiers for a collection interval (the finest tier's step). */
export function tiersFor(intervalSeconds: number): Tier[] {
  return [
    { id: 0, step: intervalSeconds, keep: HOUR },
    { id: 1, step: 60, keep: 2 * DAY },
    { id: 2, step: 30 * 60, keep: 31 * DAY },
    { id: 3, step: 6 * HOUR, keep: 730 * DAY },
  ];
}

/** The ranges a graph offers and the tier each reads. */
export const RANGES = {
  hour: { seconds: HOUR, tier: 0 },
  day: { seconds: DAY, tier: 1 },
  week: { seconds: 7 * DAY, tier: 2 },
  month: { seconds: 31 * DAY, tier: 2 },
  year: { seconds: 365 * DAY, tier: 3 },
} as const;
export type MetricRange = keyof typeof RANGES;

export type Consolidation = "avg" | "max";

/** A graph's data: slot starts and, per field, a value or null (a gap) for each. */
export interface SeriesHistory {
  range: MetricRange;
  cf: Consolidation;
  step: number;
  from: number;
  to: number;
  t: number[];
  values: Record<string, (number | null)[]>;
}

export function slotOf(seconds: number, step: number): number {
  return Math.floor(seconds / step) * step;
}

/** One point: per field its average and maximum, null where nothing was known. */
export interface Point {
  avg: (number | null)[];
  max: (number | null)[];
}

/** float32 little-endian pairs (average, maximum) per field; NaN stands for unknown. */
export function encodePoint(point: Point): Uint8Array {
  const out = new Uint8Array(point.avg.length * 8);
  const view = new DataView(out.buffer);
  point.avg.forEach((avg, i) => {
    view.setFloat32(i * 8, avg ?? Number.NaN, true);
    view.setFloat32(i * 8 + 4, point.max[i] ?? Number.NaN, true);
  });
  return out;
}

export function decodePoint(data: Uint8Array, fields: number): Point {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const avg: (number | null)[] = [];
  const max: (number | null)[] = [];
  for (let i = 0; i < fields; i++) {
    if ((i + 1) * 8 > data.byteLength) {
      avg.push(null);
      max.push(null);
      continue;
    }
    const a = view.getFloat32(i * 8, true);
    const m = view.getFloat32(i * 8 + 4, true);
    avg.push(Number.isNaN(a) ? null : a);
    max.push(Number.isNaN(m) ? null : m);
  }
  return { avg, max };
}

/** A sample as a point of the finest tier: its average and maximum are the value itself. */
export function pointOfSample(values: (number | null)[]): Point {
  return { avg: values, max: values };
}

/**
 * The coarse point of the finer points in its slot: per field the mean of the known averages
 * and the largest known maximum. A field known in none of them stays unknown (a gap).
 */
export function rollUp(points: Point[], fields: number): Point {
  const avg: (number | null)[] = [];
  const max: (number | null)[] = [];
  for (let i = 0; i < fields; i++) {
    let sum = 0;
    let count = 0;
    let top: number | null = null;
    for (const p of points) {
      const a = p.avg[i];
      if (a !== null && a !== undefined) {
        sum += a;
        count += 1;
      }
      const m = p.max[i];
      if (m !== null && m !== undefined && (top === null || m > top)) top = m;
    }
    avg.push(count ? sum / count : null);
    max.push(top);
  }
  return { avg, max };
}

/**
 * The slots of `tier` that closed after `doneUpTo` (exclusive, a slot start) and before `now`
 * less a grace for the last finer points to be written, oldest first, at most `limit`.
 */
export function closedSlots(
  tier: Tier,
  doneUpTo: number,
  now: number,
  grace: number,
  limit = 1000,
): number[] {
  const slots: number[] = [];
  for (
    let t = doneUpTo + tier.step;
    t + tier.step + grace <= now && slots.length < limit;
    t += tier.step
  )
    slots.push(t);
  return slots;
}
