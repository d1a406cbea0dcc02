import { describe, expect, it } from "vitest";
import { readIdentity } from "@/lib/auth/oidc/claims";
import { OIDC_REFUSALS, oidcRefusal, refusalOf } from "@/lib/auth/oidc/refusals";

const names = { usernameClaim: "preferred_username", groupsClaim: "groups" };

function refusal(claims: Record<string, unknown>, claimNames = names): string {
  try {
    readIdentity(claims, claimNames);
    return "accepted";
  } catch (error) {
    return refusalOf(error);
  }
}

describe("the identity in the provider's claims", () => {
  it("is the subject, the username as local usernames are checked (lower-cased) and the groups", () => {
    expect(
      readIdentity(
        { sub: "248289761001", preferred_username: " Alice@Example.com ", groups: ["ops", "ops"] },
        names,
      ),
    ).toEqual({ subject: "248289761001", username: "alice@example.com", groups: ["ops"] });
  });

  it("reads the claims the settings name", () => {
    const identity = readIdentity(
      { sub: "s", email: "bob@example.com", roles: "admins" },
      { usernameClaim: "email", groupsClaim: "roles" },
    );
    expect(identity).toMatchObject({ username: "bob@example.com", groups: ["admins"] });
  });

  it("takes a missing groups claim as no groups", () => {
    expect(readIdentity({ sub: "s", preferred_username: "carol" }, names).groups).toEqual([]);
  });

  it("refuses a username local sign-in would refuse, or none", () => {
    expect(refusal({ sub: "s" })).toBe("username");
    expect(refusal({ sub: "s", preferred_username: 42 })).toBe("username");
    expect(refusal({ sub: "s", preferred_username: "a" })).toBe("username");
    expect(refusal({ sub: "s", preferred_username: "eve smith" })).toBe("username");
    expect(refusal({ sub: "s", preferred_username: "x".repeat(65) })).toBe("username");
  });

  it("refuses a groups claim that is not names, rather than emptying the user's groups", () => {
    expect(refusal({ sub: "s", preferred_username: "dave", groups: { ops: true } })).toBe("groups");
    expect(refusal({ sub: "s", preferred_username: "dave", groups: ["ops", 7] })).toBe("groups");
    expect(refusal({ sub: "s", preferred_username: "dave", groups: [""] })).toBe("groups");
    expect(refusal({ sub: "s", preferred_username: "dave", groups: Array(1001).fill("g") })).toBe(
      "groups",
    );
  });

  it("refuses an answer without a subject", () => {
    expect(refusal({ preferred_username: "frank" })).toBe("denied");
    expect(refusal({ sub: "", preferred_username: "frank" })).toBe("denied");
  });
});

describe("refusals", () => {
  it("are known again by their words; anything else is 'failed'", () => {
    for (const reason of Object.keys(OIDC_REFUSALS) as (keyof typeof OIDC_REFUSALS)[])
      expect(refusalOf(oidcRefusal(reason))).toBe(reason);
    expect(refusalOf(new Error(OIDC_REFUSALS.taken))).toBe("failed");
    expect(refusalOf("a string")).toBe("failed");
  });
});
