/** Domain snapshots: create, list, look up, XML, current, revert, delete. */
import type { RpcClient } from "./client";
import * as P from "./protocol/procedures/snapshot";
import type { DomainRef, SnapshotRef } from "./protocol/types";

/** Snapshot operations on one connection. */
export class SnapshotApi {
  constructor(private readonly rpc: RpcClient) {}

  /** Creates a snapshot from `<domainsnapshot>` XML (SnapshotCreateFlags). */
  async create(dom: DomainRef, xml: string, flags = 0): Promise<SnapshotRef> {
    return (await this.rpc.call(P.DOMAIN_SNAPSHOT_CREATE_XML, { dom, xml, flags })).snap;
  }

  async list(dom: DomainRef, flags = 0): Promise<SnapshotRef[]> {
    return (await this.rpc.call(P.DOMAIN_LIST_ALL_SNAPSHOTS, { dom, needResults: 1, flags }))
      .snapshots;
  }

  async lookup(dom: DomainRef, name: string): Promise<SnapshotRef> {
    return (await this.rpc.call(P.DOMAIN_SNAPSHOT_LOOKUP_BY_NAME, { dom, name, flags: 0 })).snap;
  }

  xml(snap: SnapshotRef, flags = 0): Promise<string> {
    return this.rpc.call(P.DOMAIN_SNAPSHOT_GET_XML_DESC, { snap, flags });
  }

  /** The current snapshot, or null when there is none. */
  async current(dom: DomainRef): Promise<SnapshotRef | null> {
    if (!(await this.rpc.call(P.DOMAIN_HAS_CURRENT_SNAPSHOT, { dom, flags: 0 }))) return null;
    return (await this.rpc.call(P.DOMAIN_SNAPSHOT_CURRENT, { dom, flags: 0 })).snap;
  }

  async revert(snap: SnapshotRef, flags = 0): Promise<void> {
    await this.rpc.call(P.DOMAIN_REVERT_TO_SNAPSHOT, { snap, flags });
  }

  async delete(snap: SnapshotRef, flags = 0): Promise<void> {
    await this.rpc.call(P.DOMAIN_SNAPSHOT_DELETE, { snap, flags });
  }
}
