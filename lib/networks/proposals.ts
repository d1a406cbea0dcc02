// What the create wizard proposes for a host: a free bridge name and subnet, and the host's own
// bridges (those no libvirt network manages) for a public bridge.

import { hostConnection, withTimeout } from "@/lib/hosts/live-read";
import { defaultLayout, formatCidr, parseCidr, proposeSubnet } from "./cidr";
import { readInterfaces, readLiveNetworks } from "./read-networks";

export interface NetworkProposal {
  bridge: string;
  subnet: string;
  gateway: string;
  dhcpStart: string;
  dhcpEnd: string;
  /** Bridges of the host that VMs can join directly (public bridge). */
  hostBridges: string[];
  /** The host's networks, for the NIC form. */
  networks: string[];
}

export async function proposeNetwork(hostId: string): Promise<NetworkProposal> {
  const { host, conn } = await hostConnection(hostId);
  const [networks, interfaces] = await withTimeout(
    Promise.all([readLiveNetworks(conn), readInterfaces(conn)]),
    host.name,
  );
  const managed = new Set(networks.map((n) => n.parsed.bridge).filter(Boolean));
  const taken = new Set([...managed, ...interfaces.map((i) => i.name)]);
  let n = 0;
  while (taken.has(`virbr${n}`)) n++;
  const subnets = networks.flatMap((net) => {
    const p = net.parsed.subnet ? parseCidr(net.parsed.subnet) : null;
    return p && "subnet" in p ? [p.subnet] : [];
  });
  const subnet = proposeSubnet(subnets);
  const layout = subnet ? defaultLayout(subnet) : { gateway: "", start: "", end: "" };
  return {
    bridge: `virbr${n}`,
    subnet: subnet ? formatCidr(subnet) : "",
    gateway: layout.gateway,
    dhcpStart: layout.start,
    dhcpEnd: layout.end,
    hostBridges: interfaces
      .filter((i) => i.type === "bridge" && !managed.has(i.name))
      .map((i) => i.name)
      .sort(),
    networks: networks.map((net) => net.parsed.name).sort(),
  };
}
