// IPv4 arithmetic for network forms: CIDR parsing, membership, overlap and proposals. Pure.

export interface Ipv4Subnet {
  /** The network address (host bits zero). */
  network: number;
  prefix: number;
  /** Broadcast address (the last one in the subnet). */
  broadcast: number;
}

const OCTET = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

/** "10.0.0.1" → 167772161, or null when not a dotted quad. */
export function parseIpv4(text: string): number | null {
  const parts = text.trim().split(".");
  if (parts.length !== 4 || !parts.every((p) => OCTET.test(p))) return null;
  return parts.reduce((n, p) => n * 256 + Number(p), 0);
}

export function formatIpv4(n: number): string {
  return [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join(".");
}

function maskOf(prefix: number): number {
  return prefix === 0 ? 0 : 2 ** 32 - 2 ** (32 - prefix);
}

export function netmaskOf(prefix: number): string {
  return formatIpv4(maskOf(prefix));
}

/** "255.255.255.0" → 24, or null when not a contiguous mask. */
export function prefixOfNetmask(mask: string): number | null {
  const n = parseIpv4(mask);
  if (n === null) return null;
  for (let p = 0; p <= 32; p++) if (maskOf(p) === n) return p;
  return null;
}

/** The subnet an address and prefix belong to. */
export function subnetOf(address: number, prefix: number): Ipv4Subnet {
  const size = 2 ** (32 - prefix);
  const network = Math.floor(address / size) * size;
  return { network, prefix, broadcast: network + size - 1 };
}

/**
 * Parses "10.60.1.0/24". Strict: the address must be the network address (10.60.1.5/24 is
 * refused with the network it probably meant), and prefixes are limited to /8–/30, the sizes a
 * virtual network with a gateway and a DHCP range can use.
 */
export function parseCidr(text: string): { subnet: Ipv4Subnet } | { error: string } {
  const m = /^([^/\s]+)\/(\d{1,2})$/.exec(text.trim());
  const address = m ? parseIpv4(m[1]!) : null;
  const prefix = m ? Number(m[2]) : Number.NaN;
  if (!m || address === null || !(prefix >= 0 && prefix <= 32))
    return { error: `"${text}" is not an IPv4 subnet in CIDR form, like 10.60.1.0/24` };
  if (prefix < 8 || prefix > 30)
    return { error: `A /${prefix} subnet is not supported: use a prefix from /8 to /30` };
  const subnet = subnetOf(address, prefix);
  if (subnet.network !== address)
    return {
      error: `${text} is not a network address: did you mean ${formatCidr(subnet)}?`,
    };
  return { subnet };
}

export function formatCidr(s: Ipv4Subnet): string {
  return `${formatIpv4(s.network)}/${s.prefix}`;
}

/** True for a usable host address of the subnet (not the network or broadcast address). */
export function isHostAddress(s: Ipv4Subnet, address: number): boolean {
  return address > s.network && address < s.broadcast;
}

export function overlaps(a: Ipv4Subnet, b: Ipv4Subnet): boolean {
  return a.network <= b.broadcast && b.network <= a.broadcast;
}

/** The usual layout: gateway .1, DHCP from .2 (or .100 in a /24 and larger) to the last host. */
export function defaultLayout(s: Ipv4Subnet): { gateway: string; start: string; end: string } {
  const size = s.broadcast - s.network + 1;
  return {
    gateway: formatIpv4(s.network + 1),
    start: formatIpv4(s.network + (size >= 256 ? 100 : 2)),
    end: formatIpv4(s.broadcast - 1),
  };
}

/** The first /24 of 192.168.100.0–192.168.254.0, then 10.60.0.0–10.60.255.0, that overlaps none. */
export function proposeSubnet(taken: Ipv4Subnet[]): Ipv4Subnet | null {
  const candidates: number[] = [];
  for (let x = 100; x <= 254; x++) candidates.push(parseIpv4(`192.168.${x}.0`)!);
  for (let x = 0; x <= 255; x++) candidates.push(parseIpv4(`10.60.${x}.0`)!);
  for (const network of candidates) {
    const s = subnetOf(network, 24);
    if (!taken.some((t) => overlaps(t, s))) return s;
  }
  return null;
}
