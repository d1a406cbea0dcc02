// A seeded PRNG (mulberry32) so that every fuzz case can be replayed with --seed, and the few
// helpers the generators share.

/** Random numbers in [0, 1) from a 32-bit seed, plus helpers. */
export class Prng {
  private state: number;

  constructor(readonly seed: number) {
    this.state = seed >>> 0;
  }

  /**
   * A generator for one part or one case ("rpc-client:17"), derived from the seed and the label
   * only: cases run concurrently still get the same numbers on every replay.
   */
  fork(label: string): Prng {
    let h = (this.seed ^ 0x9e3779b9) >>> 0;
    for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 0x01000193);
    return new Prng(h >>> 0);
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** An integer in [min, max]. */
  range(min: number, max: number): number {
    return min + this.int(max - min + 1);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError("pick from an empty list");
    return items[this.int(items.length)]!;
  }

  /** A uint32 biased towards the values decoders get wrong: 0, 1, limits, powers of two. */
  edgyUint32(): number {
    switch (this.int(6)) {
      case 0:
        return this.pick([0, 1, 2, 3, 4, 0x7fffffff, 0x80000000, 0xfffffffe, 0xffffffff]);
      case 1:
        return (2 ** this.int(32) + this.range(-1, 1)) >>> 0;
      default:
        return Math.floor(this.next() * 0x1_0000_0000) >>> 0;
    }
  }

  bytes(n: number): Buffer {
    const out = Buffer.allocUnsafe(n);
    for (let i = 0; i < n; i++) out[i] = this.int(256);
    return out;
  }
}

/** A fresh seed when none is given (printed, so the run can be replayed). */
export function randomSeed(): number {
  return (Date.now() ^ (process.pid << 16)) >>> 0 || 1;
}
