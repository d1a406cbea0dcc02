import { describe, expect, it } from "vitest";
import { parseInput } from "@/lib/access/input";
import type { AppError } from "@/lib/errors";
import { vmXmlSchema } from "@/lib/schemas/vm-edit";

describe("vmXmlSchema", () => {
  it("refuses XML that is not well-formed before anything reads it, naming the field", () => {
    let refusal: AppError | undefined;
    try {
      parseInput(vmXmlSchema, { id: "v", xml: "<domain><name>a</domain>" });
    } catch (error) {
      refusal = error as AppError;
    }
    expect(refusal?.message).toMatch(/^XML: not well-formed \(line 1\)/);
    expect(Object.keys(refusal?.fields ?? {})).toEqual(["xml"]);
    expect(parseInput(vmXmlSchema, { id: "v", xml: "<domain/>" }).xml).toBe("<domain/>");
  });
});
