// Reads what the network pages show out of a libvirt network XML.
import { formatCidr, parseIpv4, prefixOfNetmask, subnetOf } from "@/lib/networks/cidr";
import { attr, child, children, parseXml, text, type XmlNode } from "./parse";

export type NetworkKindWord =
  | "NAT"
  | "public bridge"
  | "private bridge"
  | "routed"
  | "open"
  | "other";

export interface DhcpHostEntry {
  mac: string | null;
  ip: string | null;
  name: string | null;
}

export interface ParsedNetwork {
  name: string;
  uuid: string;
  /** forward mode, or null when there is no <forward> (an isolated network). */
  forwardMode: string | null;
  kind: NetworkKindWord;
  bridge: string | null;
  /** The first IPv4 <ip>: subnet in CIDR, gateway (the host's address on it), DHCP range. */
  subnet: string | null;
  gateway: string | null;
  dhcpRange: { start: string; end: string } | null;
  dhcpHosts: DhcpHostEntry[];
  ipv6: string | null;
  domain: string | null;
}

export function kindOf(forwardMode: string | null, hasIp: boolean): NetworkKindWord {
  if (forwardMode === null) return hasIp ? "private bridge" : "other";
  if (forwardMode === "nat") return "NAT";
  if (forwardMode === "bridge") return "public bridge";
  if (forwardMode === "route") return "routed";
  if (forwardMode === "open") return "open";
  return "other";
}

function ipv4Subnet(ip: XmlNode): string | null {
  const address = parseIpv4(attr(ip, "address") ?? "");
  const netmask = attr(ip, "netmask");
  const prefix = netmask ? prefixOfNetmask(netmask) : Number(attr(ip, "prefix") ?? Number.NaN);
  if (address === null || prefix === null || !Number.isInteger(prefix)) return null;
  return formatCidr(subnetOf(address, prefix));
}

export function parseNetworkXml(xml: string): ParsedNetwork {
  const network = child(parseXml(xml), "network");
  const forward = children(network, "forward")[0];
  const forwardMode = forward ? (attr(forward, "mode") ?? "nat") : null;
  const ips = children(network, "ip");
  const v4 = ips.find((ip) => (attr(ip, "family") ?? "ipv4") === "ipv4");
  const v6 = ips.find((ip) => attr(ip, "family") === "ipv6");
  const dhcp = v4 ? child(v4, "dhcp") : {};
  const range = children(dhcp, "range")[0];
  return {
    name: text(network, "name") ?? "",
    uuid: text(network, "uuid") ?? "",
    forwardMode,
    kind: kindOf(forwardMode, v4 !== undefined),
    bridge: attr(children(network, "bridge")[0], "name"),
    subnet: v4 ? ipv4Subnet(v4) : null,
    gateway: v4 ? attr(v4, "address") : null,
    dhcpRange: range ? { start: attr(range, "start") ?? "", end: attr(range, "end") ?? "" } : null,
    dhcpHosts: children(dhcp, "host").map((h) => ({
      mac: attr(h, "mac"),
      ip: attr(h, "ip"),
      name: attr(h, "name"),
    })),
    ipv6: v6 ? `${attr(v6, "address")}/${attr(v6, "prefix")}` : null,
    domain: attr(child(network, "domain"), "name"),
  };
}
