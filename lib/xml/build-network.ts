// libvirt XML for networks, DHCP host entries and NICs, built with XMLBuilder: every value an
// operator typed is escaped by the builder, never concatenated into markup.
import { XMLBuilder } from "fast-xml-parser";
import { netmaskOf, parseCidr } from "@/lib/networks/cidr";
import type { BridgeNetworkInput, IpNetworkInput } from "@/lib/schemas/network";

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  format: true,
  indentBy: "  ",
  suppressEmptyNode: true,
  processEntities: true,
});

/** Builds XML from the same shape lib/xml/parse.ts reads (attributes under "@"). */
export function buildXml(doc: Record<string, unknown>): string {
  return builder.build(doc) as string;
}

function ipv6Element(cidr: string): Record<string, unknown> | null {
  const m = /^([0-9a-fA-F:]+)\/(\d{1,3})$/.exec(cidr.trim());
  if (!m) return null;
  return { "@family": "ipv6", "@address": m[1], "@prefix": m[2] };
}

/** A NAT, private (no forward), routed or open network with an IPv4 subnet. */
export function buildIpNetworkXml(input: IpNetworkInput): string {
  const parsed = parseCidr(input.subnet);
  if ("error" in parsed) throw new Error(parsed.error);
  const ip: Record<string, unknown> = {
    "@address": input.gateway,
    "@netmask": netmaskOf(parsed.subnet.prefix),
  };
  if (input.dhcp) ip.dhcp = { range: { "@start": input.dhcpStart, "@end": input.dhcpEnd } };
  const ips = [ip];
  const v6 = input.ipv6 ? ipv6Element(input.ipv6) : null;
  if (v6) ips.push(v6);
  const network: Record<string, unknown> = { name: input.name };
  // Private bridge = no <forward>: libvirt then routes nothing off the bridge.
  if (input.kind !== "private") network.forward = { "@mode": input.kind };
  network.bridge = { "@name": input.bridge, "@stp": "on", "@delay": "0" };
  if (input.domain) network.domain = { "@name": input.domain, "@localOnly": "yes" };
  network.ip = ips;
  return buildXml({ network });
}

/** A public bridge: libvirt hands VMs to an existing host bridge; addresses come from its LAN. */
export function buildBridgeNetworkXml(input: BridgeNetworkInput): string {
  return buildXml({
    network: {
      name: input.name,
      forward: { "@mode": "bridge" },
      bridge: { "@name": input.hostBridge },
    },
  });
}

/** The <host> element NETWORK_UPDATE takes for a static DHCP entry. */
export function buildDhcpHostXml(entry: { mac: string; ip: string; hostname?: string }): string {
  const host: Record<string, unknown> = { "@mac": entry.mac };
  if (entry.hostname) host["@name"] = entry.hostname;
  host["@ip"] = entry.ip;
  return buildXml({ host }).trim();
}

/** A NIC on a libvirt network or directly on a host bridge. */
export function buildNicXml(nic: {
  type: "network" | "bridge";
  source: string;
  mac: string;
  model: string;
}): string {
  return buildXml({
    interface: {
      "@type": nic.type,
      mac: { "@address": nic.mac },
      source: nic.type === "network" ? { "@network": nic.source } : { "@bridge": nic.source },
      model: { "@type": nic.model },
    },
  }).trim();
}
