import { describe, expect, it } from "vitest";
import { type MappedGroup, planProviderGroups } from "@/lib/access/provider-groups";

const group = (name: string, providerGroup: string, member: boolean): MappedGroup => ({
  id: `id-${name}`,
  name,
  providerGroup,
  member,
});

const names = (plan: { join: MappedGroup[]; leave: MappedGroup[] }) => ({
  join: plan.join.map((g) => g.name),
  leave: plan.leave.map((g) => g.name),
});

describe("following the provider's groups", () => {
  const mapped = [
    group("vd-ops", "ops", false),
    group("vd-dev", "dev", true),
    group("vd-qa", "qa", true),
    group("vd-sec", "sec", false),
  ];

  it("joins mapped groups the provider lists and leaves those it does not", () => {
    expect(names(planProviderGroups(mapped, ["ops", "qa"]))).toEqual({
      join: ["vd-ops"],
      leave: ["vd-dev"],
    });
  });

  it("changes nothing when memberships already match (no access change to record)", () => {
    expect(names(planProviderGroups(mapped, ["dev", "qa"]))).toEqual({ join: [], leave: [] });
  });

  it("leaves every mapped group when the provider lists none", () => {
    expect(names(planProviderGroups(mapped, []))).toEqual({ join: [], leave: ["vd-dev", "vd-qa"] });
  });

  it("matches names exactly, and ignores provider groups nothing maps", () => {
    expect(names(planProviderGroups(mapped, ["OPS", "dev ", "qa", "unmapped"]))).toEqual({
      join: [],
      leave: ["vd-dev"],
    });
  });

  it("has nothing to do without mapped groups (unmapped ones are never passed in)", () => {
    expect(names(planProviderGroups([], ["ops"]))).toEqual({ join: [], leave: [] });
  });
});
