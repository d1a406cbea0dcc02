import { describe, expect, it } from "vitest";
import { signInPolicySchema } from "@/lib/schemas/access";
import { secondFactorCodeSchema, totpConfirmSchema } from "@/lib/schemas/auth";

const messages = (r: { success: boolean; error?: { issues: { message: string }[] } }) =>
  r.error?.issues.map((i) => i.message) ?? [];

describe("the sign-in policy input", () => {
  it("is the whole policy every time: an empty body resets nothing", () => {
    expect(messages(signInPolicySchema.safeParse({}))).toEqual([
      "secondFactorForEveryone: true or false",
      "secondFactorRoles: a list of role names",
    ]);
    expect(
      signInPolicySchema.safeParse({ secondFactorForEveryone: "true", secondFactorRoles: [] })
        .success,
    ).toBe(false);
    expect(
      signInPolicySchema.parse({ secondFactorForEveryone: false, secondFactorRoles: ["Auditor"] }),
    ).toEqual({ secondFactorForEveryone: false, secondFactorRoles: ["Auditor"] });
  });
});

describe("codes", () => {
  it("take six digits (a space allowed) to confirm TOTP", () => {
    expect(totpConfirmSchema.safeParse({ code: "123 456" }).success).toBe(true);
    expect(messages(totpConfirmSchema.safeParse({ code: "12345" }))).toEqual([
      "code: the six digits your app shows",
    ]);
  });

  it("take a TOTP or recovery code at sign-in, nothing else", () => {
    expect(secondFactorCodeSchema.safeParse({ code: "k7qm2-x9hrt" }).success).toBe(true);
    expect(messages(secondFactorCodeSchema.safeParse({ code: "<script>" }))).toEqual([
      "code: digits, letters and dashes only",
    ]);
    expect(messages(secondFactorCodeSchema.safeParse({ code: "" }))[0]).toMatch(/Enter the code/);
  });
});
