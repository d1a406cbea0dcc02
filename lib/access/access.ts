// A caller's permissions for one request (or one open socket): built from the ACL snapshot for
// the user, narrowed to a privilege-separated token's own grants when a token calls.
import type { SessionUser } from "@/lib/auth/session-store";
import { type AclSnapshot, aclSnapshot, tokenGrants, userGrants } from "./acl-snapshot";
import { Permissions, PermissionView } from "./evaluate";
import { type AccessObject, parsePath } from "./paths";
import { type Privilege, SEE } from "./privileges";

export class Access {
  constructor(
    readonly user: SessionUser,
    readonly permissions: Permissions,
    readonly version: number,
  ) {}

  can(privilege: Privilege, obj: AccessObject): boolean {
    return this.permissions.can(privilege, obj);
  }

  privileges(obj: AccessObject): ReadonlySet<Privilege> {
    return this.permissions.privileges(obj);
  }

  /** Whether the object exists for this caller at all (its Audit privilege; / always does). */
  sees(obj: AccessObject): boolean {
    const see = SEE[obj.kind];
    return see === undefined || this.can(see, obj);
  }

  seesVm(vm: { hostId: string; uuid: string }): boolean {
    return this.can("VM.Audit", { kind: "vm", hostId: vm.hostId, uuid: vm.uuid });
  }

  seesHost(hostId: string): boolean {
    return this.can("Host.Audit", { kind: "host", hostId });
  }

  /** Sys.Modify on /: may reach past libvirt's objects into the server or the host. */
  holdsSysModify(): boolean {
    return this.can("Sys.Modify", { kind: "root" });
  }

  /**
   * Whether the caller holds `privilege` on some pool (or network) of the host: through the host
   * or above, or through a grant on one of them. Decides which hosts a list shows at all.
   */
  holdsOnSome(hostId: string, kind: "pool" | "network", privilege: Privilege): boolean {
    // A name no pool or network can have stands for "one with no grant of its own".
    const unnamed: AccessObject =
      kind === "pool" ? { kind, hostId, pool: "\0" } : { kind, hostId, network: "\0" };
    if (this.can(privilege, unnamed)) return true;
    return this.permissions.entryPaths().some((path) => {
      const p = parsePath(path);
      return (
        (p?.kind === "pool" || p?.kind === "network") &&
        p.kind === kind &&
        p.hostId === hostId &&
        this.can(privilege, p)
      );
    });
  }
}

/** The caller's permissions from a given snapshot (synchronous: the live socket uses it). */
export function accessFrom(snapshot: AclSnapshot, user: SessionUser): Access {
  const mine = new PermissionView(userGrants(snapshot, user.userId));
  const token = user.tokenId ? snapshot.tokens.get(user.tokenId) : undefined;
  const narrowed = token?.privsep ? new PermissionView(tokenGrants(snapshot, user.tokenId!)) : null;
  return new Access(user, new Permissions(mine, narrowed), snapshot.version);
}

export async function accessFor(user: SessionUser): Promise<Access> {
  return accessFrom(await aclSnapshot(), user);
}
