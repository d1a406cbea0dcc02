// Single sign-on's changes to the store, on a real SQLite file: the user made at the first
// sign-in and found by issuer and subject after it (a later username claim does not matter), a
// local user's name refused with nothing made, mapped memberships following the provider's list
// in one access change (the version moves only when something changed; unmapped groups stay),
// and the local password form refusing a linked user. The browser flow is e2e/oidc.spec.ts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshStore } from "../support/fresh-store";

const store = await freshStore("sso");
const { db } = store;
const { userForIdentity } = await import("@/lib/auth/oidc/link-user");
const { refusalOf } = await import("@/lib/auth/oidc/refusals");
const { createGroup, followProviderGroups, listGroups } = await import("@/lib/access/groups");
const { createUser, resetPassword } = await import("@/lib/access/users");
const { signIn } = await import("@/lib/auth/sign-in");

const ISSUER = "https://idp.example.com";
const client = { address: "127.0.0.9", userAgent: null };

beforeAll(() => store.migrate());
afterAll(() => store.dispose());

async function accessVersion(): Promise<number> {
  return (await db.accessVersion.findUnique({ where: { id: 1 } }))?.version ?? 0;
}

async function membership(username: string): Promise<string[]> {
  return (await listGroups())
    .filter((g) => g.members.some((m) => m.username === username))
    .map((g) => g.name)
    .sort();
}

describe("the user of an identity", () => {
  it("is made at the first sign-in and found by issuer and subject after it", async () => {
    const first = await userForIdentity(ISSUER, { subject: "s-1", username: "ann", groups: [] });
    expect(first).toMatchObject({ username: "ann", created: true, disabled: false });
    const again = await userForIdentity(ISSUER, {
      subject: "s-1",
      username: "ann-renamed",
      groups: [],
    });
    expect(again).toMatchObject({ id: first.id, username: "ann", created: false });
    // The same subject at another issuer is someone else, whose name is now taken.
    const other = userForIdentity("https://other.example.com", {
      subject: "s-1",
      username: "ann",
      groups: [],
    });
    expect(refusalOf(await other.catch((e: unknown) => e))).toBe("taken");
  });

  it("is refused a local user's name, and nothing is made or linked", async () => {
    await createUser({
      username: "bea",
      password: "bea-password-123",
      mustChangePassword: false,
      groups: [],
    });
    const before = await db.user.count();
    const taken = await userForIdentity(ISSUER, {
      subject: "s-2",
      username: "bea",
      groups: [],
    }).catch((e: unknown) => e);
    expect(refusalOf(taken)).toBe("taken");
    expect(await db.user.count()).toBe(before);
    expect(await db.externalIdentity.count({ where: { subject: "s-2" } })).toBe(0);
    expect((await signIn({ username: "bea", password: "bea-password-123" }, client)).ok).toBe(true);
  });

  it("cannot sign in with a password, and cannot be given one", async () => {
    const user = await userForIdentity(ISSUER, { subject: "s-3", username: "cal", groups: [] });
    const outcome = await signIn({ username: "cal", password: "whatever-it-is" }, client);
    expect(outcome).toMatchObject({ ok: false, reason: "Wrong username or password" });
    await expect(resetPassword(user.id)).rejects.toThrow(/signs in with single sign-on/);
  });
});

describe("mapped groups", () => {
  it("follow the provider's list at each sign-in; unmapped groups stay; access moves only on change", async () => {
    const user = await userForIdentity(ISSUER, { subject: "s-4", username: "dot", groups: [] });
    await createGroup({ name: "vd-ops", description: "", providerGroup: "ops" });
    await createGroup({ name: "vd-dev", description: "", providerGroup: "dev" });
    const localGroup = await createGroup({
      name: "vd-local",
      description: "",
      providerGroup: null,
    });
    await db.groupMember.create({ data: { groupId: localGroup.id, userId: user.id } });

    let version = await accessVersion();
    expect(await followProviderGroups(user.id, ["ops", "unmapped"])).toEqual({
      joined: ["vd-ops"],
      left: [],
    });
    expect(await membership("dot")).toEqual(["vd-local", "vd-ops"]);
    expect(await accessVersion()).toBe(version + 1);

    version = await accessVersion();
    expect(await followProviderGroups(user.id, ["ops"])).toEqual({ joined: [], left: [] });
    expect(await accessVersion()).toBe(version);

    expect(await followProviderGroups(user.id, ["dev"])).toEqual({
      joined: ["vd-dev"],
      left: ["vd-ops"],
    });
    expect(await membership("dot")).toEqual(["vd-dev", "vd-local"]);
    expect(await accessVersion()).toBe(version + 1);

    expect(await followProviderGroups(user.id, [])).toEqual({ joined: [], left: ["vd-dev"] });
    expect(await membership("dot")).toEqual(["vd-local"]);
  });

  it("are one per provider group", async () => {
    await expect(
      createGroup({ name: "vd-ops-2", description: "", providerGroup: "ops" }),
    ).rejects.toThrow(/vd-ops already follows the identity-provider group ops/);
  });
});
