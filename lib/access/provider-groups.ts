// Which of a user's memberships single sign-on changes: a group mapped to an identity-provider
// group follows the provider (joined when the provider lists it, left when it does not); a group
// without a mapping is Virtdeck's alone and never touched.

export interface MappedGroup {
  id: string;
  name: string;
  /** The identity-provider group it follows (exact, case-sensitive match). */
  providerGroup: string;
  /** Whether the user is a member now. */
  member: boolean;
}

export interface ProviderGroupPlan {
  join: MappedGroup[];
  leave: MappedGroup[];
}

export function planProviderGroups(
  mapped: readonly MappedGroup[],
  providerGroups: readonly string[],
): ProviderGroupPlan {
  const listed = new Set(providerGroups);
  return {
    join: mapped.filter((g) => !g.member && listed.has(g.providerGroup)),
    leave: mapped.filter((g) => g.member && !listed.has(g.providerGroup)),
  };
}
