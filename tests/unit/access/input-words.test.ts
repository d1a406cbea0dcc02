// The one input parser words zod's defaults for every schema ("vcpus: at most 256", not "Too
// big: expected number to be <=256"), and keeps a schema's own message where it has one.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { parseInput } from "@/lib/access/input";
import type { AppError } from "@/lib/errors";

const schema = z.object({
  count: z.coerce.number().int().min(1).max(256),
  ratio: z.number().positive().lt(1).optional(),
  label: z.string().min(1).max(8).optional(),
  tags: z.array(z.string()).max(2).optional(),
  mode: z.enum(["fast", "slow"]).optional(),
  named: z.number().max(3, "Named: three at most").optional(),
});

function refusal(raw: unknown): AppError {
  try {
    parseInput(schema, raw);
  } catch (e) {
    return e as AppError;
  }
  throw new Error("accepted");
}

describe("parseInput's words for zod's defaults", () => {
  it.each([
    [{ count: 300 }, "count: at most 256"],
    [{ count: 0 }, "count: at least 1"],
    [{ count: "many" }, "count: a number"],
    [{ count: 1.5 }, "count: a whole number"],
    [{ count: 1, ratio: 0 }, "ratio: more than 0"],
    [{ count: 1, ratio: 1 }, "ratio: less than 1"],
    [{ count: 1, label: "" }, "label: required"],
    [{ count: 1, label: "123456789" }, "label: at most 8 characters"],
    [{ count: 1, label: 7 }, "label: text"],
    [{ count: 1, tags: ["a", "b", "c"] }, "tags: at most 2 items"],
    [{ count: 1, mode: "warp" }, "mode: one of fast or slow"],
    [{}, "count: a number"],
  ])("%j is refused as %j", (raw, message) => {
    const error = refusal(raw);
    expect(error.message).toBe(message);
    const [field, words] = message.split(": ");
    expect(error.fields?.[field ?? ""]).toEqual([words]);
  });

  it("keeps a schema's own message", () => {
    expect(refusal({ count: 1, named: 4 }).message).toBe("Named: three at most");
  });
});
