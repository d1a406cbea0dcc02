import { describe, expect, it } from "vitest";
import { generatePassword, hashPassword, verifyPassword } from "@/lib/auth/password";

describe("passwords", () => {
  it("hashes with argon2id and verifies only the right password", async () => {
    const hash = await hashPassword("correct horse battery");
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(hash, "correct horse battery")).toBe(true);
    expect(await verifyPassword(hash, "correct horse battery ")).toBe(false);
  });

  it("treats a malformed stored hash as a wrong password", async () => {
    expect(await verifyPassword("not-a-hash", "anything")).toBe(false);
  });

  it("generates distinct passwords from an unambiguous alphabet", () => {
    const seen = new Set(Array.from({ length: 50 }, () => generatePassword()));
    expect(seen.size).toBe(50);
    for (const p of seen) expect(p).toMatch(/^[a-hjkmnp-zA-HJ-NP-Z2-9]{20}$/);
  });
});

describe("password hashing under load", () => {
  it("runs at most one hash per core and queues 64 more; the rest are refused at once", async () => {
    const { availableParallelism } = await import("node:os");
    const hash = await hashPassword("a-password-to-check");
    const attempts = Array.from({ length: 200 }, () =>
      verifyPassword(hash, "wrong").then(
        () => "checked",
        (e: { code?: string }) => e.code,
      ),
    );
    const outcomes = await Promise.all(attempts);
    const refused = outcomes.filter((o) => o === "too_many").length;
    expect(refused).toBe(200 - availableParallelism() - 64);
    expect(outcomes.filter((o) => o === "checked").length).toBe(availableParallelism() + 64);
  });
});
