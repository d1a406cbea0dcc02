// One network, read live: its settings, DHCP leases (matched to inventory VMs by MAC),
// static host entries and XML.
import type { Access } from "@/lib/access/access";
import { db } from "@/lib/db/client";
import { hostConnection, withTimeout } from "@/lib/hosts/live-read";
import type { NicSummary } from "@/lib/inventory/summaries";
import type { Connection, NetworkRef } from "@/lib/libvirt";
import { parseNetworkXml } from "@/lib/xml/parse-network";
import { toNetworkSummary, vmsByNetwork } from "./read-networks";
import type { LeaseRow, NetworkDetail } from "./summaries";

/** Inventory VMs by NIC MAC, of those the caller may see (a lease of another stays unnamed). */
async function vmsByMac(
  hostId: string,
  access: Access,
): Promise<Map<string, { id: string; name: string }>> {
  const vms = await db.vm.findMany({
    where: { hostId, goneAt: null },
    select: { id: true, uuid: true, name: true, nics: true },
  });
  const byMac = new Map<string, { id: string; name: string }>();
  for (const vm of vms)
    if (access.seesVm({ hostId, uuid: vm.uuid }))
      for (const nic of JSON.parse(vm.nics) as NicSummary[])
        byMac.set(nic.mac.toLowerCase(), { id: vm.id, name: vm.name });
  return byMac;
}

export async function readLeases(
  conn: Connection,
  ref: NetworkRef,
  hostId: string,
  access: Access,
): Promise<LeaseRow[]> {
  const [leases, byMac] = await Promise.all([
    conn.networks.dhcpLeases(ref),
    vmsByMac(hostId, access),
  ]);
  return leases.map((l) => ({
    mac: l.mac,
    ip: l.ipaddr,
    prefix: l.prefix,
    hostname: l.hostname,
    expiresAt: new Date(l.expiryTime * 1000).toISOString(),
    vm: l.mac ? (byMac.get(l.mac.toLowerCase()) ?? null) : null,
  }));
}

async function readOne(conn: Connection, name: string) {
  const ref = await conn.networks.lookupByName(name);
  const [xml, active, autostart, persistentList] = await Promise.all([
    conn.networks.xml(ref),
    conn.networks.isActive(ref),
    conn.networks.getAutostart(ref),
    conn.networks.list(4),
  ]);
  const persistent = persistentList.some((n) => n.uuid === ref.uuid);
  return { ref, xml, active, autostart, persistent, parsed: parseNetworkXml(xml) };
}

export async function getNetworkDetail(
  hostId: string,
  name: string,
  access: Access,
): Promise<NetworkDetail> {
  const { host, conn } = await hostConnection(hostId);
  const read = async () => {
    const net = await readOne(conn, name);
    // An inactive network has no dnsmasq and so no leases to ask for.
    const leases = net.active ? await readLeases(conn, net.ref, host.id, access) : [];
    return { net, leases };
  };
  const [{ net, leases }, vms] = await Promise.all([
    withTimeout(read(), host.name),
    vmsByNetwork(host.id, access),
  ]);
  return {
    ...toNetworkSummary(host, net, vms.get(name) ?? []),
    dhcpHosts: net.parsed.dhcpHosts,
    leases,
    xml: net.xml,
  };
}

export async function getNetworkLeases(
  hostId: string,
  name: string,
  access: Access,
): Promise<LeaseRow[]> {
  const { host, conn } = await hostConnection(hostId);
  return withTimeout(
    (async () => readLeases(conn, await conn.networks.lookupByName(name), host.id, access))(),
    host.name,
  );
}
