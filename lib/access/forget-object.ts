// When an object leaves (a VM deleted or forgotten, a host removed, a pool or network deleted),
// its grants go with it, as Proxmox's remove_vm_access does: a new object that later takes the
// same name or UUID must not inherit them.
import { changeAccess, type Tx } from "./acl-snapshot";
import { ownPath } from "./paths";

/** Runs the deletes (they return how many rows went); the version moves only if any did. */
function forget(deletes: (tx: Tx) => Promise<number>): Promise<number> {
  return changeAccess(deletes, (removed) => removed > 0);
}

export async function forgetVmAccess(uuid: string): Promise<void> {
  const path = ownPath({ kind: "vm", hostId: "", uuid });
  await forget(async (tx) => {
    const grants = await tx.aclEntry.deleteMany({ where: { path } });
    const groups = await tx.vmGroupMember.deleteMany({ where: { vmUuid: uuid.toLowerCase() } });
    return grants.count + groups.count;
  });
}

/** The host's own grants and those of everything under it. */
export async function forgetHostAccess(hostId: string): Promise<void> {
  const path = ownPath({ kind: "host", hostId });
  const under = { OR: [{ path }, { path: { startsWith: `${path}/` } }] };
  await forget(async (tx) => (await tx.aclEntry.deleteMany({ where: under })).count);
}

export async function forgetPoolAccess(hostId: string, pool: string): Promise<void> {
  const path = ownPath({ kind: "pool", hostId, pool });
  await forget(async (tx) => (await tx.aclEntry.deleteMany({ where: { path } })).count);
}

export async function forgetNetworkAccess(hostId: string, network: string): Promise<void> {
  const path = ownPath({ kind: "network", hostId, network });
  await forget(async (tx) => (await tx.aclEntry.deleteMany({ where: { path } })).count);
}
