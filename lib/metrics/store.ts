// Metric history in the database: series rows, points per tier (tiers.ts), roll-ups of closed
// slots, pruning, and the reads behind graphs. Writes are batched: one statement per chunk of
// rows, one transaction per host tick.
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { SERIES_FIELDS, type SeriesKind } from "./fields";
import {
  type Consolidation,
  closedSlots,
  decodePoint,
  encodePoint,
  type MetricRange,
  type Point,
  RANGES,
  rollUp,
  type SeriesHistory,
  type Tier,
} from "./tiers";

const CHUNK = 500;

const KEY = Symbol.for("virtdeck.metric-series");
const store = globalThis as unknown as Record<symbol, Map<string, number> | undefined>;
function seriesCache(): Map<string, number> {
  store[KEY] ??= new Map();
  return store[KEY];
}

export const seriesKey = {
  vm: (uuid: string) => `vm:${uuid.toLowerCase()}`,
  host: (hostId: string) => `host:${hostId}`,
  pool: (hostId: string, pool: string) => `pool:${hostId}/${pool}`,
};

/** The ids of these series, made where missing (two statements however many are new). */
export async function seriesIds(
  wanted: { key: string; kind: SeriesKind }[],
): Promise<Map<string, number>> {
  const cache = seriesCache();
  const missing = wanted.filter((w) => !cache.has(w.key));
  if (missing.length) {
    for (let i = 0; i < missing.length; i += CHUNK) {
      const rows = missing.slice(i, i + CHUNK).map((m) => Prisma.sql`(${m.key}, ${m.kind})`);
      await db.$executeRaw`INSERT INTO "MetricSeries" ("key", "kind") VALUES ${Prisma.join(rows)} ON CONFLICT ("key") DO NOTHING`;
    }
    const found = await db.metricSeries.findMany({
      where: { key: { in: missing.map((m) => m.key) } },
      select: { id: true, key: true },
    });
    for (const f of found) cache.set(f.key, f.id);
  }
  return new Map(wanted.map((w) => [w.key, cache.get(w.key) as number]));
}

/** Writes points of one tier (a point already there for its slot is replaced). */
export async function writePoints(
  tier: number,
  rows: { seriesId: number; t: number; point: Point }[],
  client: Pick<typeof db, "$executeRaw"> = db,
): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    const values = rows
      .slice(i, i + CHUNK)
      .map(
        (r) => Prisma.sql`(${r.seriesId}, ${tier}, ${r.t}, ${Buffer.from(encodePoint(r.point))})`,
      );
    await client.$executeRaw`INSERT INTO "MetricPoint" ("seriesId", "tier", "t", "data") VALUES ${Prisma.join(values)} ON CONFLICT ("seriesId", "tier", "t") DO UPDATE SET "data" = excluded."data"`;
  }
}

/** Where each coarse tier's roll-ups have got to (a slot start), per process. */
const ROLLED = Symbol.for("virtdeck.metric-rolled");
const rolledStore = globalThis as unknown as Record<symbol, Map<number, number> | undefined>;

/**
 * Rolls the finer tier's points of every slot that closed since the last roll-up into each
 * coarser tier (tier 1 from 0, 2 from 1, 3 from 2), then drops points older than each tier keeps.
 * After a restart it goes on from the newest coarse point, so slots missed while the server was
 * down are rolled up from what the finer tier still holds.
 */
export async function rollUpAndPrune(tiers: Tier[], now: number): Promise<number> {
  rolledStore[ROLLED] ??= new Map();
  const rolled = rolledStore[ROLLED];
  const kinds = new Map(
    (await db.metricSeries.findMany({ select: { id: true, kind: true } })).map((s) => [
      s.id,
      SERIES_FIELDS[s.kind as SeriesKind]?.length ?? 0,
    ]),
  );
  let written = 0;
  const grace = 2 * (tiers[0]?.step ?? 5);
  for (const tier of tiers.slice(1)) {
    const finer = tiers[tier.id - 1] as Tier;
    if (!rolled.has(tier.id)) {
      const newest = await db.metricPoint.findFirst({
        where: { tier: tier.id },
        orderBy: { t: "desc" },
        select: { t: true },
      });
      // From the newest coarse point, or as far back as the finer tier still reaches.
      rolled.set(tier.id, newest?.t ?? Math.floor((now - finer.keep) / tier.step) * tier.step);
    }
    for (const slot of closedSlots(tier, rolled.get(tier.id) as number, now, grace)) {
      const points = await db.metricPoint.findMany({
        where: { tier: finer.id, t: { gte: slot, lt: slot + tier.step } },
        select: { seriesId: true, data: true },
      });
      const bySeries = new Map<number, Point[]>();
      for (const p of points) {
        const fields = kinds.get(p.seriesId);
        if (!fields) continue;
        const list = bySeries.get(p.seriesId) ?? [];
        list.push(decodePoint(p.data, fields));
        bySeries.set(p.seriesId, list);
      }
      const rows = [...bySeries].map(([seriesId, list]) => ({
        seriesId,
        t: slot,
        point: rollUp(list, kinds.get(seriesId) as number),
      }));
      await writePoints(tier.id, rows);
      written += rows.length;
      rolled.set(tier.id, slot);
    }
  }
  for (const tier of tiers)
    await db.metricPoint.deleteMany({ where: { tier: tier.id, t: { lt: now - tier.keep } } });
  return written;
}

/** Forgets a series and its history (a VM forgotten, a host removed). */
export async function forgetSeries(key: string): Promise<void> {
  seriesCache().delete(key);
  const series = await db.metricSeries.findUnique({ where: { key }, select: { id: true } });
  if (!series) return;
  await db.metricPoint.deleteMany({ where: { seriesId: series.id } });
  await db.metricSeries.delete({ where: { id: series.id } });
}

/** A VM deleted or forgotten: its history goes with it. */
export function forgetVmHistory(uuid: string): Promise<void> {
  return forgetSeries(seriesKey.vm(uuid));
}

/** A host removed: its own history and its pools'. */
export async function forgetHostHistory(hostId: string): Promise<void> {
  const pools = await db.metricSeries.findMany({
    where: { key: { startsWith: seriesKey.pool(hostId, "") } },
    select: { key: true },
  });
  for (const key of [seriesKey.host(hostId), ...pools.map((p) => p.key)]) await forgetSeries(key);
}

/**
 * The points of one series over a range, from the tier that range reads; slots with no point
 * are absent from `t` (the graph draws a gap where the step between two is larger than one).
 */
export async function readHistory(
  key: string,
  kind: SeriesKind,
  range: MetricRange,
  cf: Consolidation,
  tiers: Tier[],
  now: number,
): Promise<SeriesHistory> {
  const { seconds, tier: tierId } = RANGES[range];
  const tier = tiers[tierId] as Tier;
  const fields = SERIES_FIELDS[kind];
  const from = now - seconds;
  const out: SeriesHistory = {
    range,
    cf,
    step: tier.step,
    from,
    to: now,
    t: [],
    values: Object.fromEntries(fields.map((f) => [f, []])),
  };
  const series = await db.metricSeries.findUnique({ where: { key }, select: { id: true } });
  if (!series) return out;
  const points = await db.metricPoint.findMany({
    where: { seriesId: series.id, tier: tier.id, t: { gte: from } },
    orderBy: { t: "asc" },
    select: { t: true, data: true },
  });
  for (const p of points) {
    const point = decodePoint(p.data, fields.length);
    out.t.push(p.t);
    const picked = cf === "max" ? point.max : point.avg;
    fields.forEach((f, i) => {
      (out.values[f] as (number | null)[]).push(picked[i] ?? null);
    });
  }
  return out;
}
