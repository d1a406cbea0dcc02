// A migration driven by this client between two connections, for a source daemon that cannot
// reach the destination itself: libvirt's version 3 sequence with parameters, as
// virDomainMigrateVersion3Full runs it for virsh without --p2p. Begin (source) returns the XML
// and a cookie; prepare (destination) opens the incoming side and may name the URI to send to;
// perform (source) sends (skipped offline: there is nothing to send); finish (destination)
// resumes or, when cancelled, discards; confirm (source) removes or, when cancelled, resumes the
// source's copy.
import type { Connection } from "./connection";
import { MigrateFlags } from "./flags";
import type { DomainRef, TypedValue } from "./protocol/types";

export interface ManagedMigration {
  /** MigrateFlags; PEER2PEER must not be set. */
  flags: number;
  /** Typed params (destination_xml, persistent_xml, migrate_uri, bandwidth, …). */
  params: Record<string, TypedValue>;
}

/** Runs the whole sequence; throws the first error after both sides were told it failed. */
export async function migrateThroughClient(
  source: Connection,
  dest: Connection,
  dom: DomainRef,
  { flags, params }: ManagedMigration,
): Promise<DomainRef> {
  // As libvirt's client: the source keeps its migration job from begin to confirm (offline too).
  const protected_ = (flags | MigrateFlags.CHANGE_PROTECTION) & ~MigrateFlags.PEER2PEER;
  const plain = flags & ~MigrateFlags.PEER2PEER;
  const begun = await source.domainExtras.migrateBegin(dom, params, protected_);
  // Finish looks the domain up by name on the destination: name it, as libvirt's own client does.
  const sent: Record<string, TypedValue> = {
    destination_name: dom.name,
    ...params,
    destination_xml: begun.xml,
  };
  const prepared = await dest.domainExtras.migratePrepare(sent, begun.cookieOut, plain);
  if (prepared.uriOut) sent.migrate_uri = prepared.uriOut;
  let failure: unknown = null;
  let cookie: Buffer = Buffer.alloc(0);
  // Offline, nothing is sent: libvirt's own client skips perform and finishes with no cookie.
  if (!(flags & MigrateFlags.OFFLINE))
    try {
      cookie = await source.domainExtras.migratePerform(dom, sent, prepared.cookieOut, protected_);
    } catch (error) {
      failure = error;
    }
  // Finish runs even after a failed perform (cancelled), so the destination discards its side.
  let arrived: DomainRef | null = null;
  try {
    const finished = await dest.domainExtras.migrateFinish(sent, cookie, plain, failure !== null);
    arrived = finished.dom;
    cookie = finished.cookieOut;
  } catch (error) {
    failure ??= error;
  }
  try {
    await source.domainExtras.migrateConfirm(dom, sent, cookie, protected_, arrived === null);
  } catch (error) {
    failure ??= error;
  }
  if (failure !== null || arrived === null)
    throw failure ?? new Error("The destination did not take the VM");
  return arrived;
}
