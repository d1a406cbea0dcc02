// Live reads of a host's networks (there is no network table: libvirt is the truth, and each
// read has a short limit so an unresponsive host cannot hold a page). Lists hold only what the
// caller may see: networks with Network.Audit, and of their VMs those with VM.Audit.
import type { Access } from "@/lib/access/access";
import { db } from "@/lib/db/client";
import { toActionError } from "@/lib/errors";
import { hostConnection, withTimeout } from "@/lib/hosts/live-read";
import type { NicSummary } from "@/lib/inventory/summaries";
import { type Connection, type NetworkRef, ObjectListFlags } from "@/lib/libvirt";
import { attr, child, parseXml } from "@/lib/xml/parse";
import { type ParsedNetwork, parseNetworkXml } from "@/lib/xml/parse-network";
import type { HostNetworks, NetworkSummary, NetworkVm } from "./summaries";

export interface LiveNetwork {
  ref: NetworkRef;
  parsed: ParsedNetwork;
  xml: string;
  active: boolean;
  autostart: boolean;
  persistent: boolean;
}

export async function readLiveNetworks(conn: Connection): Promise<LiveNetwork[]> {
  const [all, persistent] = await Promise.all([
    conn.networks.list(0),
    conn.networks.list(ObjectListFlags.PERSISTENT),
  ]);
  const persistentIds = new Set(persistent.map((n) => n.uuid));
  return Promise.all(
    all.map(async (ref) => {
      const [xml, active, autostart] = await Promise.all([
        conn.networks.xml(ref),
        conn.networks.isActive(ref),
        conn.networks.getAutostart(ref),
      ]);
      return {
        ref,
        xml,
        parsed: parseNetworkXml(xml),
        active,
        autostart,
        persistent: persistentIds.has(ref.uuid),
      };
    }),
  );
}

/** The host's interfaces and their types (bridge, ethernet, …); empty when libvirt cannot list them. */
export async function readInterfaces(conn: Connection): Promise<{ name: string; type: string }[]> {
  try {
    const refs = await conn.host.listInterfaces(0);
    return await Promise.all(
      refs.map(async (ref) => {
        const xml = await conn.host.interfaceXml(ref);
        return { name: ref.name, type: attr(child(parseXml(xml), "interface"), "type") ?? "" };
      }),
    );
  } catch {
    return [];
  }
}

/**
 * VMs of the inventory per network name, from their NICs of type "network"; with `access`, only
 * those the caller may see.
 */
export async function vmsByNetwork(
  hostId: string,
  access?: Access,
): Promise<Map<string, NetworkVm[]>> {
  const vms = await db.vm.findMany({
    where: { hostId, goneAt: null },
    select: { id: true, uuid: true, name: true, state: true, nics: true },
  });
  const byNet = new Map<string, NetworkVm[]>();
  for (const vm of vms) {
    if (access && !access.seesVm({ hostId, uuid: vm.uuid })) continue;
    const nics = JSON.parse(vm.nics) as NicSummary[];
    const nets = new Set(
      nics.filter((n) => n.type === "network" && n.source).map((n) => n.source!),
    );
    for (const net of nets)
      byNet.set(net, [...(byNet.get(net) ?? []), { id: vm.id, name: vm.name, state: vm.state }]);
  }
  return byNet;
}

export function toNetworkSummary(
  host: { id: string; name: string },
  n: LiveNetwork,
  vms: NetworkVm[],
): NetworkSummary {
  const { dhcpHosts: _hosts, ...p } = n.parsed;
  return {
    hostId: host.id,
    hostName: host.name,
    ...p,
    active: n.active,
    autostart: n.autostart,
    persistent: n.persistent,
    vms,
  };
}

export function seesNetwork(access: Access, hostId: string, name: string): boolean {
  return access.can("Network.Audit", { kind: "network", hostId, network: name });
}

export async function listHostNetworks(hostId: string, access: Access): Promise<NetworkSummary[]> {
  const { host, conn } = await hostConnection(hostId);
  const [nets, vms] = await Promise.all([
    withTimeout(readLiveNetworks(conn), host.name),
    vmsByNetwork(host.id, access),
  ]);
  return nets
    .filter((n) => seesNetwork(access, host.id, n.parsed.name))
    .map((n) => toNetworkSummary(host, n, vms.get(n.parsed.name) ?? []))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Every host's networks, read in parallel; a host that is offline or slow says so instead.
 * Hosts the caller sees nothing of (no Host.Audit and no network grant there) are left out.
 */
export async function listAllNetworks(access: Access): Promise<HostNetworks[]> {
  const all = await db.host.findMany({ orderBy: { name: "asc" } });
  const hosts = all.filter(
    (h) => access.seesHost(h.id) || access.holdsOnSome(h.id, "network", "Network.Audit"),
  );
  return Promise.all(
    hosts.map(async (h) => {
      try {
        const networks = await listHostNetworks(h.id, access);
        return { hostId: h.id, hostName: h.name, status: h.status, error: null, networks };
      } catch (error) {
        return {
          hostId: h.id,
          hostName: h.name,
          status: h.status,
          error: toActionError(error),
          networks: [],
        };
      }
    }),
  );
}
