import { describe, expect, it } from "vitest";
import { createGroupSchema, updateGroupSchema } from "@/lib/schemas/access";

describe("a group's identity-provider group", () => {
  it("is none when absent or empty, and the provider's spelling otherwise", () => {
    expect(createGroupSchema.parse({ name: "ops" }).providerGroup).toBeNull();
    expect(createGroupSchema.parse({ name: "ops", providerGroup: "  " }).providerGroup).toBeNull();
    expect(
      createGroupSchema.parse({ name: "ops", providerGroup: " /Admins/CN=ops " }).providerGroup,
    ).toBe("/Admins/CN=ops");
  });

  it("is left as it is by an update that does not name it, and cleared by an empty one", () => {
    expect(updateGroupSchema.parse({ id: "g1" }).providerGroup).toBeUndefined();
    expect(updateGroupSchema.parse({ id: "g1", providerGroup: "" }).providerGroup).toBeNull();
  });

  it("is refused with control characters or past 200 characters", () => {
    expect(
      updateGroupSchema.safeParse({ id: "g1", providerGroup: "ops\ninjected" }).error?.issues[0]
        ?.message,
    ).toBe("Identity-provider group: no control characters");
    expect(updateGroupSchema.safeParse({ id: "g1", providerGroup: "g".repeat(201) }).success).toBe(
      false,
    );
  });
});
