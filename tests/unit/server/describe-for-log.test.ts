import { describe, expect, it } from "vitest";
import { describeForLog } from "@/lib/errors";

describe("error log lines", () => {
  it("withhold a database error's message, which quotes the query's arguments", () => {
    const e = Object.assign(
      new Error("Invalid `prisma.user.create()`: { passwordHash: '$argon2id$…' }"),
      {
        name: "PrismaClientValidationError",
        clientVersion: "6.19.3",
      },
    );
    const line = describeForLog(e);
    expect(line).toContain("PrismaClientValidationError");
    expect(line).not.toContain("argon2id");
  });

  it("give other errors' name, code, message and stack frames, never their other fields", () => {
    const e = Object.assign(new Error("connect ECONNREFUSED 10.0.0.5:16509"), {
      code: "ECONNREFUSED",
      config: { password: "hunter2" },
    });
    const line = describeForLog(e);
    expect(line).toMatch(/^Error ECONNREFUSED: connect ECONNREFUSED 10\.0\.0\.5:16509\n\s+at /);
    expect(line).not.toContain("hunter2");
    expect(describeForLog({ secret: "x" })).toBe("a thrown object");
  });
});
