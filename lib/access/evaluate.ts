// Evaluates a subject's privileges on an object, with the rules of Proxmox VE's access control
// (PVE::AccessControl::roles and RPCEnvironment's pool and token handling):
//
// - Levels are evaluated from / down to the object. At each level, the subject's own entries
//   that apply there (the object's own level, or entries that propagate) replace everything
//   inherited; only when it has none do its groups' entries that apply replace it.
// - NoAccess in the result cancels every other role.
// - A VM in a VM group also gets the roles granted on the group (never overriding a role it has
//   already; NoAccess on either side wins).
// - A privilege-separated API token gets the intersection of its own and its user's privileges.
//
// Pure and synchronous: the server checks with it, and the browser uses the same code to offer
// only what the user may do.
import { type AccessObject, levelsOf, ownPath } from "./paths";
import { NO_ACCESS, type Privilege } from "./privileges";

export type SubjectType = "user" | "group" | "token";

export interface AclEntry {
  id: string;
  /** The stored key (a VM's is /vms/{uuid}). */
  path: string;
  subjectType: SubjectType;
  subjectId: string;
  /** Username, group name or "user!token", for explanations. */
  subjectName: string;
  role: string;
  propagate: boolean;
}

/** What is needed to evaluate one subject: its entries, the roles, the VM groups. */
export interface SubjectGrants {
  /** Entries of the user itself (or of the token, for a privilege-separated token's view). */
  own: AclEntry[];
  /** Entries of the user's groups. */
  viaGroups: AclEntry[];
  roles: Record<string, readonly Privilege[]>;
  /** VM UUID (lower case) → VM group name, for the groups the entries mention. */
  vmGroups: Record<string, string>;
}

export interface Grant {
  role: string;
  entry: AclEntry;
  /** "vm-group": reached through the VM's group rather than the VM's own path. */
  via: "own" | "group" | "vm-group";
}

type Roles = Map<string, Grant[]>;

function byPath(entries: AclEntry[]): Map<string, AclEntry[]> {
  const map = new Map<string, AclEntry[]>();
  for (const e of entries) map.set(e.path, [...(map.get(e.path) ?? []), e]);
  return map;
}

function applying(
  entries: AclEntry[] | undefined,
  final: boolean,
  via: Grant["via"],
): Roles | null {
  let roles: Roles | null = null;
  for (const e of entries ?? []) {
    if (!final && !e.propagate) continue;
    roles ??= new Map();
    roles.set(e.role, [...(roles.get(e.role) ?? []), { role: e.role, entry: e, via }]);
  }
  return roles;
}

/** One subject's compiled grants; results are memoised per path, so a list of 1,000 VMs is cheap. */
export class PermissionView {
  private readonly own: Map<string, AclEntry[]>;
  private readonly groups: Map<string, AclEntry[]>;
  private readonly memo = new Map<string, Roles>();
  private readonly privMemo = new Map<string, ReadonlySet<Privilege>>();

  constructor(readonly grants: SubjectGrants) {
    this.own = byPath(grants.own);
    this.groups = byPath(grants.viaGroups);
  }

  /** The roles in force on the levels, as PVE::AccessControl::roles computes them. */
  private rolesAt(levels: string[]): Roles {
    const key = levels.join("\n");
    const known = this.memo.get(key);
    if (known) return known;
    // Everything above the last level is the same walk for every object below it.
    let roles: Roles = levels.length > 1 ? this.inherited(levels.slice(0, -1)) : new Map();
    const last = levels[levels.length - 1]!;
    roles =
      applying(this.own.get(last), true, "own") ??
      applying(this.groups.get(last), true, "group") ??
      roles;
    if (roles.has(NO_ACCESS)) roles = new Map([[NO_ACCESS, roles.get(NO_ACCESS)!]]);
    this.memo.set(key, roles);
    return roles;
  }

  /** The roles handed down from the levels (all non-final), before the object's own level. */
  private inherited(levels: string[]): Roles {
    const key = `inherit\n${levels.join("\n")}`;
    const known = this.memo.get(key);
    if (known) return known;
    let roles: Roles = levels.length > 1 ? this.inherited(levels.slice(0, -1)) : new Map();
    const p = levels[levels.length - 1]!;
    roles =
      applying(this.own.get(p), false, "own") ??
      applying(this.groups.get(p), false, "group") ??
      roles;
    this.memo.set(key, roles);
    return roles;
  }

  /** Roles on the object, with the VM group's merged in. */
  roles(obj: AccessObject): Roles {
    const roles = this.rolesAt(levelsOf(obj));
    if (obj.kind !== "vm") return roles;
    const group = this.grants.vmGroups[obj.uuid.toLowerCase()];
    if (!group || roles.has(NO_ACCESS)) return roles;
    const fromGroup = this.rolesAt(levelsOf({ kind: "group", group }));
    if (fromGroup.size === 0) return roles;
    if (fromGroup.has(NO_ACCESS))
      return new Map([[NO_ACCESS, fromGroup.get(NO_ACCESS)!.map(asGroup)]]);
    const merged = new Map(roles);
    for (const [role, grants] of fromGroup)
      if (!merged.has(role)) merged.set(role, grants.map(asGroup));
    return merged;
  }

  privileges(obj: AccessObject): ReadonlySet<Privilege> {
    const key = obj.kind === "vm" ? `${ownPath(obj)}@${obj.hostId}` : ownPath(obj);
    const known = this.privMemo.get(key);
    if (known) return known;
    const privs = new Set<Privilege>();
    for (const role of this.roles(obj).keys())
      for (const p of this.grants.roles[role] ?? []) privs.add(p);
    this.privMemo.set(key, privs);
    return privs;
  }

  /** Each privilege held on the object and the grants that give it. */
  explain(obj: AccessObject): Map<Privilege, Grant[]> {
    const out = new Map<Privilege, Grant[]>();
    for (const [role, grants] of this.roles(obj))
      for (const p of this.grants.roles[role] ?? []) out.set(p, [...(out.get(p) ?? []), ...grants]);
    return out;
  }
}

function asGroup(g: Grant): Grant {
  return { ...g, via: "vm-group" };
}

/**
 * A caller's privileges: a user's own view, or for a privilege-separated token the intersection
 * of the token's view and its user's.
 */
export class Permissions {
  constructor(
    readonly user: PermissionView,
    readonly token: PermissionView | null = null,
  ) {}

  privileges(obj: AccessObject): ReadonlySet<Privilege> {
    const mine = this.user.privileges(obj);
    if (!this.token) return mine;
    const theirs = this.token.privileges(obj);
    return new Set([...mine].filter((p) => theirs.has(p)));
  }

  can(privilege: Privilege, obj: AccessObject): boolean {
    return this.privileges(obj).has(privilege);
  }

  /** Every path the caller's grants name (its own, its groups', its token's). */
  entryPaths(): string[] {
    const views = this.token ? [this.user, this.token] : [this.user];
    return [
      ...new Set(views.flatMap((v) => [...v.grants.own, ...v.grants.viaGroups].map((e) => e.path))),
    ];
  }

  explain(obj: AccessObject): Map<Privilege, Grant[]> {
    const mine = this.user.explain(obj);
    if (!this.token) return mine;
    const theirs = this.token.explain(obj);
    const out = new Map<Privilege, Grant[]>();
    for (const [p, grants] of theirs) if (mine.has(p)) out.set(p, [...grants, ...mine.get(p)!]);
    return out;
  }
}
