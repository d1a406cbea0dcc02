// The permission rules, case by case, as Proxmox VE defines them (PVE::AccessControl::roles).
import { describe, expect, it } from "vitest";
import {
  type AclEntry,
  Permissions,
  PermissionView,
  type SubjectGrants,
  type SubjectType,
} from "@/lib/access/evaluate";
import type { AccessObject } from "@/lib/access/paths";
import { BUILTIN_ROLES, PRIVILEGES, type Privilege } from "@/lib/access/privileges";

const roles: Record<string, readonly Privilege[]> = Object.fromEntries(
  Object.entries(BUILTIN_ROLES).map(([name, r]) => [name, r.privileges]),
);

let n = 0;
function entry(
  path: string,
  role: string,
  subjectType: SubjectType = "user",
  propagate = true,
): AclEntry {
  n += 1;
  return {
    id: `e${n}`,
    path,
    role,
    propagate,
    subjectType,
    subjectId: subjectType === "group" ? "g1" : "u1",
    subjectName: subjectType,
  };
}

function view(
  own: AclEntry[],
  viaGroups: AclEntry[] = [],
  vmGroups: Record<string, string> = {},
): PermissionView {
  const grants: SubjectGrants = { own, viaGroups, roles, vmGroups };
  return new PermissionView(grants);
}

const U1 = "11111111-1111-4111-8111-111111111111";
const U2 = "22222222-2222-4222-8222-222222222222";
const vmOn = (hostId: string, uuid = U1): AccessObject => ({ kind: "vm", hostId, uuid });
const privs = (v: PermissionView | Permissions, obj: AccessObject) => [...v.privileges(obj)].sort();
const sorted = (role: string) => [...roles[role]!].sort();

describe("permission evaluation", () => {
  it("gives nothing without a grant", () => {
    expect(privs(view([]), vmOn("h1"))).toEqual([]);
    expect(privs(view([]), { kind: "root" })).toEqual([]);
  });

  it("propagates a grant on / to every object", () => {
    const v = view([entry("/", "Administrator")]);
    expect(privs(v, vmOn("h1"))).toEqual([...PRIVILEGES].sort());
    expect(privs(v, { kind: "pool", hostId: "h2", pool: "default" })).toEqual(
      [...PRIVILEGES].sort(),
    );
  });

  it("keeps a host's grant to that host's objects", () => {
    const v = view([entry("/hosts/h1", "Operator")]);
    expect(privs(v, vmOn("h1"))).toEqual(sorted("Operator"));
    expect(privs(v, vmOn("h2"))).toEqual([]);
    expect(privs(v, { kind: "root" })).toEqual([]);
  });

  it("follows a VM's own grant to whichever host it is on (kept by UUID)", () => {
    const v = view([entry(`/vms/${U1}`, "VMUser")]);
    expect(privs(v, vmOn("h1"))).toEqual(sorted("VMUser"));
    expect(privs(v, vmOn("h2"))).toEqual(sorted("VMUser"));
    expect(privs(v, vmOn("h1", U2))).toEqual([]);
  });

  it("lets a deeper grant replace what is inherited", () => {
    const v = view([entry("/", "Administrator"), entry(`/vms/${U1}`, "VMUser")]);
    expect(privs(v, vmOn("h1"))).toEqual(sorted("VMUser"));
    expect(privs(v, vmOn("h1", U2))).toEqual([...PRIVILEGES].sort());
  });

  it("lets the user's own grant replace its groups' at the same level", () => {
    const v = view([entry("/hosts/h1", "VMUser")], [entry("/hosts/h1", "Operator", "group")]);
    expect(privs(v, vmOn("h1"))).toEqual(sorted("VMUser"));
  });

  it("lets a group's grant on a deeper level replace the user's inherited one", () => {
    const v = view([entry("/", "Administrator")], [entry("/hosts/h1", "Auditor", "group")]);
    expect(privs(v, vmOn("h1"))).toEqual(sorted("Auditor"));
    expect(privs(v, vmOn("h2"))).toEqual([...PRIVILEGES].sort());
  });

  it("cancels everything below a NoAccess", () => {
    const v = view([entry("/", "Administrator"), entry("/hosts/h2", "NoAccess")]);
    expect(privs(v, vmOn("h2"))).toEqual([]);
    expect(privs(v, { kind: "network", hostId: "h2", network: "default" })).toEqual([]);
    expect(privs(v, vmOn("h1"))).toEqual([...PRIVILEGES].sort());
  });

  it("applies a non-propagating grant to its own object only", () => {
    const v = view([entry("/hosts/h1", "Operator", "user", false)]);
    expect(privs(v, { kind: "host", hostId: "h1" })).toEqual(sorted("Operator"));
    expect(privs(v, vmOn("h1"))).toEqual([]);
  });

  it("falls through to the groups when the user's own entries there do not apply", () => {
    const v = view([entry("/", "Auditor", "user", false)], [entry("/", "VMUser", "group", true)]);
    expect(privs(v, vmOn("h1"))).toEqual(sorted("VMUser"));
    expect(privs(v, { kind: "root" })).toEqual(sorted("Auditor"));
  });

  it("adds a VM group's roles to its VMs, never over NoAccess", () => {
    const groups = { [U1]: "dev" };
    const v = view([entry("/groups/dev", "Operator")], [], groups);
    expect(privs(v, vmOn("h1"))).toEqual(sorted("Operator"));
    expect(privs(v, vmOn("h1", U2))).toEqual([]);
    const cancelled = view(
      [entry("/groups/dev", "Operator"), entry(`/vms/${U1}`, "NoAccess")],
      [],
      groups,
    );
    expect(privs(cancelled, vmOn("h1"))).toEqual([]);
    const groupNoAccess = view(
      [entry("/", "Administrator"), entry("/groups/dev", "NoAccess")],
      [],
      groups,
    );
    expect(privs(groupNoAccess, vmOn("h1"))).toEqual([]);
    expect(privs(groupNoAccess, vmOn("h1", U2))).toEqual([...PRIVILEGES].sort());
  });

  it("gives a privilege-separated token the intersection with its user", () => {
    const user = view([entry("/hosts/h1", "Operator")]);
    const token = view([entry("/", "VMUser", "token")]);
    const p = new Permissions(user, token);
    expect(privs(p, vmOn("h1"))).toEqual(sorted("VMUser"));
    expect(privs(p, vmOn("h2"))).toEqual([]);
    expect(p.can("VM.Allocate", vmOn("h1"))).toBe(false);
    expect(new Permissions(user).can("VM.Allocate", vmOn("h1"))).toBe(true);
  });

  it("explains which grant gave each privilege", () => {
    const host = entry("/hosts/h1", "VMUser");
    const group = entry("/groups/dev", "Auditor");
    const v = view([host, group], [], { [U1]: "dev" });
    const why = v.explain(vmOn("h1"));
    expect(why.get("VM.PowerMgmt")?.map((g) => g.entry.id)).toEqual([host.id]);
    expect(why.get("Datastore.Audit")?.map((g) => [g.entry.id, g.via])).toEqual([
      [group.id, "vm-group"],
    ]);
    // VM.Audit comes from both roles: the VM's own path first.
    expect(why.get("VM.Audit")?.map((g) => g.role)).toEqual(["VMUser", "Auditor"]);
  });
});
