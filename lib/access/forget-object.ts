// When an object leaves (a VM deleted or forgotten, a host removed, a pool or network deleted),
// its grants go with it, as Proxmox's remove_vm_access does: a new object that later takes the
// same name or UUID must not inherit them.
import { changeAccess } from "./acl-snapshot";
import { ownPath } from "./paths";

export async function forgetVmAccess(uuid: string): Promise<void> {
  const path = ownPath({ kind: "vm", hostId: "", uuid });
  await changeAccess(async (tx) => {
    await tx.aclEntry.deleteMany({ where: { path } });
    await tx.vmGroupMember.deleteMany({ where: { vmUuid: uuid.toLowerCase() } });
  });
}

/** The host's own grants and those of everything under it. */
export async function forgetHostAccess(hostId: string): Promise<void> {
  const path = ownPath({ kind: "host", hostId });
  await changeAccess(async (tx) => {
    await tx.aclEntry.deleteMany({
      where: { OR: [{ path }, { path: { startsWith: `${path}/` } }] },
    });
  });
}

export async function forgetPoolAccess(hostId: string, pool: string): Promise<void> {
  const path = ownPath({ kind: "pool", hostId, pool });
  await changeAccess((tx) => tx.aclEntry.deleteMany({ where: { path } }));
}

export async function forgetNetworkAccess(hostId: string, network: string): Promise<void> {
  const path = ownPath({ kind: "network", hostId, network });
  await changeAccess((tx) => tx.aclEntry.deleteMany({ where: { path } }));
}
