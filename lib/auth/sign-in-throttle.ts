// Brute-force limits on signing in, counted from failed attempts in the database (so replicas
// share them). Three counters, all over the lockout window:
// - one account from one address: a growing delay after 3 failures, and after 10 (configurable)
//   a lockout of that pair until an administrator lifts it or the failures age out;
// - one address, any account: a growing delay after 10 failures (password spraying);
// - an address with no recent failure always gets its attempt, so an attacker elsewhere can
//   neither lock out nor slow down the real user.
// Throttled attempts are answered before any password is hashed, and are not counted as
// failures (hammering does not extend the lock; it is audited instead).
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";

export interface ThrottleConfig {
  lockoutFailures: number;
  windowMs: number;
}

export const throttleConfig = (): ThrottleConfig => ({
  lockoutFailures: env.VIRTDECK_LOCKOUT_FAILURES,
  windowMs: env.VIRTDECK_LOCKOUT_MINUTES * 60_000,
});

/** The recent failures the decision needs, newest first. */
export interface RecentFailures {
  /** This account from this address, newest first (at most lockoutFailures of them). */
  pair: Date[];
  /** Count and newest time of this address's failures for any account. */
  address: { count: number; last: Date | null };
}

export type ThrottleDecision =
  | { allowed: true }
  | { allowed: false; locked: boolean; retryAfterSeconds: number; until: Date };

const PAIR_FREE = 3;
const ADDRESS_FREE = 10;
const MAX_DELAY_MS = 60_000;

/** 1 s, 2 s, 4 s … after the free attempts, at most a minute. */
function delayMs(count: number, free: number): number {
  return count < free ? 0 : Math.min(MAX_DELAY_MS, 1000 * 2 ** (count - free));
}

/** Pure: whether an attempt may go ahead now, and if not until when. */
export function decide(
  recent: RecentFailures,
  now: number,
  config: ThrottleConfig,
): ThrottleDecision {
  const wait = (until: number, locked: boolean): ThrottleDecision => ({
    allowed: false,
    locked,
    retryAfterSeconds: Math.max(1, Math.ceil((until - now) / 1000)),
    until: new Date(until),
  });
  const { pair, address } = recent;
  // Locked until the N-th newest failure leaves the window.
  if (pair.length >= config.lockoutFailures) {
    const lift = pair[config.lockoutFailures - 1]!.getTime() + config.windowMs;
    if (lift > now) return wait(lift, true);
  }
  const pairNext = pair.length > 0 ? pair[0]!.getTime() + delayMs(pair.length, PAIR_FREE) : 0;
  const addressNext = address.last
    ? address.last.getTime() + delayMs(address.count, ADDRESS_FREE)
    : 0;
  const next = Math.max(pairNext, addressNext);
  return next > now ? wait(next, false) : { allowed: true };
}

export async function recentFailures(
  username: string,
  address: string,
  config = throttleConfig(),
  now = Date.now(),
): Promise<RecentFailures> {
  const since = new Date(now - config.windowMs);
  const [pair, ofAddress] = await Promise.all([
    db.signInFailure.findMany({
      where: { username, address, at: { gt: since } },
      orderBy: { at: "desc" },
      take: config.lockoutFailures,
      select: { at: true },
    }),
    db.signInFailure.aggregate({
      where: { address, at: { gt: since } },
      _count: true,
      _max: { at: true },
    }),
  ]);
  return {
    pair: pair.map((f) => f.at),
    address: { count: ofAddress._count, last: ofAddress._max.at },
  };
}

/**
 * Records a failure, given the failures counted before this attempt (so no second count);
 * true when it is the one that locks this account out from this address.
 */
export async function recordFailure(
  username: string,
  address: string,
  before: RecentFailures,
  config = throttleConfig(),
): Promise<boolean> {
  await db.signInFailure.create({ data: { username, address } });
  // Failures older than the window count for nothing: keep the table small.
  const since = new Date(Date.now() - config.windowMs);
  await db.signInFailure.deleteMany({ where: { address, at: { lt: since } } });
  return before.pair.length + 1 === config.lockoutFailures;
}

/** A successful sign-in forgets that pair's failures. */
export async function clearFailures(username: string, address: string): Promise<void> {
  await db.signInFailure.deleteMany({ where: { username, address } });
}

export interface Lockout {
  username: string;
  address: string;
  failures: number;
  until: string;
}

/** Pairs locked out now, for administrators. */
export async function listLockouts(
  config = throttleConfig(),
  now = Date.now(),
): Promise<Lockout[]> {
  const since = new Date(now - config.windowMs);
  const rows = await db.signInFailure.findMany({
    where: { at: { gt: since } },
    orderBy: { at: "desc" },
    select: { username: true, address: true, at: true },
  });
  const byPair = new Map<string, Date[]>();
  for (const r of rows) {
    const key = JSON.stringify([r.username, r.address]);
    byPair.set(key, [...(byPair.get(key) ?? []), r.at]);
  }
  const locked: Lockout[] = [];
  for (const [key, times] of byPair) {
    const d = decide({ pair: times, address: { count: 0, last: null } }, now, config);
    if (d.allowed || !d.locked) continue;
    const [username, address] = JSON.parse(key) as [string, string];
    locked.push({ username, address, failures: times.length, until: d.until.toISOString() });
  }
  return locked;
}

/** Lifts a lockout (every failure of that account from that address). */
export async function liftLockout(username: string, address: string): Promise<number> {
  const { count } = await db.signInFailure.deleteMany({ where: { username, address } });
  return count;
}
