// Reads one domain's current facts from its host.
import { type Connection, type DomainRef, DomainXmlFlags } from "@/lib/libvirt";
import { type ParsedDomain, parseDomainXml } from "@/lib/xml/parse-domain";
import { type PendingChange, pendingChanges } from "./pending";
import { stateWords } from "./state-words";

export interface DomainObservation {
  uuid: string;
  name: string;
  state: string;
  stateReason: string | null;
  active: boolean;
  vcpus: number;
  memoryKiB: number;
  maxMemoryKiB: number;
  autostart: boolean;
  persistent: boolean;
  /** Present when the XML was read (new or changed domains, definition events). */
  parsed?: ParsedDomain;
  /** With `parsed`: what the persistent definition changes at the next boot (running VMs). */
  pending?: PendingChange[];
  /** Addresses by lower-case MAC, for running domains. */
  ipsByMac?: Map<string, string[]>;
}

/** Addresses by MAC from one source (0 DHCP lease, 1 guest agent); empty when it cannot tell. */
async function addressesFrom(
  conn: Connection,
  dom: DomainRef,
  source: 0 | 1,
): Promise<Map<string, string[]>> {
  const byMac = new Map<string, string[]>();
  try {
    for (const iface of await conn.domainExtras.interfaceAddresses(dom, source)) {
      if (!iface.hwaddr || iface.addrs.length === 0) continue;
      byMac.set(
        iface.hwaddr.toLowerCase(),
        iface.addrs.map((a) => a.addr),
      );
    }
  } catch {
    // No lease yet, no libvirt network, or no guest agent: the inventory then shows no address.
  }
  return byMac;
}

/**
 * The guest's addresses: DHCP leases of libvirt's networks first; when those know nothing (a
 * public bridge, a static address), the guest agent's answer, if the guest runs one.
 */
export async function readAddresses(
  conn: Connection,
  dom: DomainRef,
): Promise<Map<string, string[]>> {
  const leases = await addressesFrom(conn, dom, 0);
  return leases.size > 0 ? leases : addressesFrom(conn, dom, 1);
}

export async function observeDomain(
  conn: Connection,
  dom: DomainRef,
  withXml: boolean,
): Promise<DomainObservation> {
  const [state, info, autostart, persistent, xml] = await Promise.all([
    conn.domains.state(dom),
    conn.domains.info(dom),
    conn.domains.getAutostart(dom).catch(() => false),
    conn.domains.isPersistent(dom),
    withXml ? conn.domains.xml(dom) : Promise.resolve(null),
  ]);
  const words = stateWords(state.stateCode, state.reason);
  const active = state.stateCode !== 5; // anything but "shut off" has a running QEMU
  const parsed = xml ? parseDomainXml(xml) : undefined;
  // A running persistent VM may have changes saved for its next boot: its inactive XML says.
  const next =
    parsed && active && persistent
      ? await conn.domains
          .xml(dom, DomainXmlFlags.INACTIVE)
          .then(parseDomainXml)
          .catch(() => null)
      : null;
  const hasNics = parsed ? parsed.nics.length > 0 : true;
  return {
    uuid: dom.uuid,
    name: dom.name,
    state: words.state,
    stateReason: words.reason,
    active,
    vcpus: info.vcpus,
    memoryKiB: info.memoryKiB,
    maxMemoryKiB: info.maxMemKiB,
    autostart,
    persistent,
    parsed,
    pending: parsed ? (next ? pendingChanges(parsed, next) : []) : undefined,
    ipsByMac: active && hasNics ? await readAddresses(conn, dom) : undefined,
  };
}
