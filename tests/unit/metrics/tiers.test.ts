// The round-robin tiers with a simulated clock: a day of 5 s samples rolled up minute by
// minute and every 30 minutes keeps averages and maxima, gaps stay gaps, and each tier keeps
// only what it should.
import { describe, expect, it } from "vitest";
import {
  closedSlots,
  decodePoint,
  encodePoint,
  type Point,
  pointOfSample,
  rollUp,
  slotOf,
  tiersFor,
} from "@/lib/metrics/tiers";

const tiers = tiersFor(5);

describe("points", () => {
  it("round-trip through float32 with unknown fields kept unknown", () => {
    const p = decodePoint(encodePoint({ avg: [1.5, null, 1e9], max: [2, null, 2e9] }), 3);
    expect(p).toEqual({ avg: [1.5, null, 1e9], max: [2, null, 2e9] });
    expect(decodePoint(encodePoint({ avg: [1], max: [1] }), 2).avg).toEqual([1, null]);
  });

  it("roll up: mean of known averages, largest maximum, unknown where none is known", () => {
    const up = rollUp(
      [pointOfSample([10, null]), pointOfSample([30, null]), pointOfSample([null, null])],
      2,
    );
    expect(up).toEqual({ avg: [20, null], max: [30, null] });
  });
});

describe("a simulated day", () => {
  it("tier 1 and 2 from a day of samples with a spike and an outage", () => {
    const start = 1_800_000_000 - (1_800_000_000 % 86400); // midnight
    const fine = new Map<number, Point>();
    for (let t = start; t < start + 86400; t += 5) {
      if (t >= start + 3600 && t < start + 7200) continue; // an hour off: a gap
      const spike = t === start + 43200 ? 100 : 10;
      fine.set(t, pointOfSample([spike]));
    }
    const rolled = (tierId: number, source: Map<number, Point>) => {
      const tier = tiers[tierId]!;
      const bySlot = new Map<number, Point[]>();
      for (const [t, p] of source)
        bySlot.set(slotOf(t, tier.step), [...(bySlot.get(slotOf(t, tier.step)) ?? []), p]);
      const out = new Map<number, Point>();
      for (const slot of closedSlots(tier, start - tier.step, start + 86400 + 60, 10, 100_000)) {
        const inside = bySlot.get(slot);
        if (inside) out.set(slot, rollUp(inside, 1));
      }
      return out;
    };
    const minutes = rolled(1, fine);
    expect(minutes.size).toBe(1440 - 60);
    expect(minutes.has(start + 3600)).toBe(false); // the outage is a gap, not zeros
    expect(minutes.get(start + 43200)).toEqual({ avg: [(100 + 11 * 10) / 12], max: [100] });
    const halfHours = rolled(2, minutes);
    expect(halfHours.size).toBe(48 - 2);
    const spiky = halfHours.get(slotOf(start + 43200, 1800))!;
    expect(spiky.max[0]).toBe(100); // the spike survives in the maximum
    expect(spiky.avg[0]).toBeCloseTo(10 + 90 / 360, 5);
  });

  it("closed slots wait for the grace and go on from where they got to", () => {
    const minute = tiers[1]!;
    // The slot 60–120 closes at 120 and is rolled up 10 s later, when its last points are in.
    expect(closedSlots(minute, 0, 129, 10)).toEqual([]);
    expect(closedSlots(minute, 0, 130, 10)).toEqual([60]);
    expect(closedSlots(minute, 0, 190, 10)).toEqual([60, 120]);
    expect(closedSlots(minute, 60, 190, 10)).toEqual([120]);
    expect(tiers.map((t) => [t.step, t.keep])).toEqual([
      [5, 3600],
      [60, 172800],
      [1800, 2678400],
      [21600, 63072000],
    ]);
  });
});
