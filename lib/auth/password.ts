// Password hashing with argon2id (OWASP's recommended parameters for argon2id).
import { randomBytes } from "node:crypto";
import { availableParallelism } from "node:os";
import { hash, verify } from "@node-rs/argon2";
import { AppError } from "@/lib/errors";

const ARGON2ID = 2; // @node-rs/argon2's Algorithm.Argon2id (a const enum, not importable here)
const options = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** A generated one-time password stops working this long after it was made. */
export const ONE_TIME_PASSWORD_HOURS = 24;

export function oneTimePasswordExpiry(now = Date.now()): Date {
  return new Date(now + ONE_TIME_PASSWORD_HOURS * 3600_000);
}

// Hashing is the expensive step of a sign-in (about 19 MiB and tens of milliseconds each):
// at most one per core at a time, and a bounded queue, so anonymous clients cannot take the CPU.
const HASH_SLOTS = Math.max(1, availableParallelism());
const MAX_WAITING = 64;
let running = 0;
const waiting: (() => void)[] = [];

async function withHashSlot<T>(work: () => Promise<T>): Promise<T> {
  if (running >= HASH_SLOTS) {
    if (waiting.length >= MAX_WAITING)
      throw new AppError(
        "too_many",
        "The server is busy checking passwords: try again",
        undefined,
        1,
      );
    await new Promise<void>((resolve) => waiting.push(resolve));
  } else running++;
  try {
    return await work();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else running--;
  }
}

export function hashPassword(password: string): Promise<string> {
  return withHashSlot(() => hash(password, options));
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  return withHashSlot(async () => {
    try {
      return await verify(passwordHash, password);
    } catch {
      return false; // a malformed stored hash never signs anyone in
    }
  });
}

/** A one-time password an operator can type: 20 characters from an unambiguous alphabet. */
export function generatePassword(length = 20): string {
  const alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  const bytes = randomBytes(length);
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join("");
}
