// parseInput refuses text that is not valid Unicode: JSON can carry a lone surrogate ("\ud800"),
// which the database then refuses with an unknown error, a 500 (found by scripts/fuzz.ts).
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { parseInput } from "@/lib/access/input";

const schema = z.object({
  username: z.string().max(64),
  tags: z.array(z.string()).default([]),
  source: z.object({ path: z.string() }).optional(),
});

function refusal(raw: unknown) {
  try {
    parseInput(schema, raw);
  } catch (e) {
    return e;
  }
  throw new Error("accepted");
}

describe("parseInput and text that is not Unicode", () => {
  it.each([
    [{ username: "vd\ud800" }, "username"],
    [{ username: "\udfff\ud800x" }, "username"],
    [{ username: "ok", tags: ["fine", "bad\udc00"] }, "tags.1"],
    [{ username: "ok", source: { path: "/tmp/\ud83d" } }, "source.path"],
  ])("refuses a lone surrogate in %j, naming %s", (raw, field) => {
    expect(refusal(raw)).toMatchObject({
      name: "AppError",
      code: "invalid",
      message: `${field}: text that is not valid Unicode (a lone surrogate)`,
      fields: { [field]: ["text that is not valid Unicode (a lone surrogate)"] },
    });
  });

  it("keeps surrogate pairs, which are text (emoji, 𝕧)", () => {
    expect(parseInput(schema, { username: "💥𝕧", tags: ["ok"] })).toEqual({
      username: "💥𝕧",
      tags: ["ok"],
    });
  });

  it("ignores what the schema strips", () => {
    expect(parseInput(schema, { username: "ok", extra: "\ud800" })).toEqual({
      username: "ok",
      tags: [],
    });
  });
});
