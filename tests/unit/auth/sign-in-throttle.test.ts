import { describe, expect, it } from "vitest";
import { decide, type RecentFailures } from "@/lib/auth/sign-in-throttle";

const config = { lockoutFailures: 10, windowMs: 15 * 60_000 };
const now = Date.parse("2026-12-01T12:00:00Z");
const ago = (ms: number) => new Date(now - ms);

/** `n` failures of the pair (and the address), the newest `gapMs` apart ending `lastMs` ago. */
function failures(n: number, lastMs: number, gapMs = 1000): RecentFailures {
  const pair = Array.from({ length: n }, (_, i) => ago(lastMs + i * gapMs));
  return { pair, address: { count: n, last: pair[0] ?? null } };
}

describe("sign-in throttle", () => {
  it("lets the first three failures retry at once, then waits 1 s, 2 s, 4 s", () => {
    expect(decide(failures(0, 0), now, config)).toEqual({ allowed: true });
    expect(decide(failures(2, 0), now, config)).toEqual({ allowed: true });
    expect(decide(failures(3, 0), now, config)).toMatchObject({
      allowed: false,
      locked: false,
      retryAfterSeconds: 1,
    });
    expect(decide(failures(5, 0), now, config)).toMatchObject({ retryAfterSeconds: 4 });
    // Once the delay has passed, the next attempt goes ahead.
    expect(decide(failures(5, 4001), now, config)).toEqual({ allowed: true });
  });

  it("locks the pair after ten failures until the tenth newest leaves the window", () => {
    const recent = failures(10, 60_000, 60_000); // one a minute, the newest a minute ago
    const d = decide(recent, now, config);
    expect(d).toMatchObject({ allowed: false, locked: true });
    // The 10th newest was 10 minutes ago: the lock lifts 5 minutes from now.
    expect(d.allowed === false && d.until.getTime()).toBe(now + 5 * 60_000);
    expect(decide(recent, now + 5 * 60_000, config)).toEqual({ allowed: true });
  });

  it("never slows an address with no failures of its own, however much another is failing", () => {
    // What the same account looks like from the real user's address while an attacker fails.
    const elsewhere: RecentFailures = { pair: [], address: { count: 0, last: null } };
    expect(decide(elsewhere, now, config)).toEqual({ allowed: true });
  });

  it("slows an address that sprays many accounts, though no one account reached three", () => {
    const spraying: RecentFailures = { pair: [ago(100)], address: { count: 12, last: ago(100) } };
    expect(decide(spraying, now, config)).toMatchObject({
      allowed: false,
      locked: false,
      retryAfterSeconds: 4,
    });
  });

  it("waits at most a minute between attempts short of a lockout", () => {
    const d = decide(failures(9, 0), now, config);
    expect(d).toMatchObject({ allowed: false, locked: false });
    expect(d.allowed === false && d.retryAfterSeconds).toBeLessThanOrEqual(60);
  });
});
