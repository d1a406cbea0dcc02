// The server's checks on a new network, against what the host already has. Pure: the caller
// reads the host, this decides. A refusal names the field and what to write instead.
import type { CreateNetworkInput, IpNetworkInput } from "@/lib/schemas/network";
import { formatCidr, isHostAddress, overlaps, parseCidr, parseIpv4 } from "./cidr";

/** What the host already has, as far as a new network could collide with it. */
export interface HostNetworkContext {
  networks: { name: string; bridge: string | null; subnet: string | null; active: boolean }[];
  /** Names of the host's interfaces (bridges and NICs), from libvirt's interface list. */
  interfaces: { name: string; type: string }[];
}

export class NetworkInputError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = "NetworkInputError";
  }
}

function fail(field: string, message: string): never {
  throw new NetworkInputError(field, message);
}

function checkAddresses(input: IpNetworkInput, ctx: HostNetworkContext): void {
  const parsed = parseCidr(input.subnet);
  if ("error" in parsed) fail("subnet", parsed.error);
  const s = parsed.subnet;
  const cidr = formatCidr(s);
  const gateway = parseIpv4(input.gateway);
  if (gateway === null) fail("gateway", `"${input.gateway}" is not an IPv4 address`);
  if (!isHostAddress(s, gateway))
    fail("gateway", `The gateway ${input.gateway} is not a host address inside ${cidr}`);
  if (input.dhcp) {
    const start = parseIpv4(input.dhcpStart);
    const end = parseIpv4(input.dhcpEnd);
    if (start === null) fail("dhcpStart", `"${input.dhcpStart}" is not an IPv4 address`);
    if (end === null) fail("dhcpEnd", `"${input.dhcpEnd}" is not an IPv4 address`);
    if (!isHostAddress(s, start) || !isHostAddress(s, end))
      fail(
        "dhcpStart",
        `The DHCP range ${input.dhcpStart}–${input.dhcpEnd} must lie inside ${cidr}`,
      );
    if (start > end)
      fail(
        "dhcpEnd",
        `The DHCP range ends (${input.dhcpEnd}) before it starts (${input.dhcpStart})`,
      );
    if (gateway >= start && gateway <= end)
      fail("gateway", `The gateway ${input.gateway} must be outside the DHCP range`);
  }
  if (input.ipv6 && !/^[0-9a-fA-F:]+\/(6[4]|[1-9]\d?|1[01]\d|12[0-8])$/.test(input.ipv6))
    fail("ipv6", `"${input.ipv6}" is not an IPv6 address with prefix, like fd00:60:1::1/64`);
  for (const other of ctx.networks) {
    if (!other.active || !other.subnet) continue;
    const theirs = parseCidr(other.subnet);
    if ("subnet" in theirs && overlaps(theirs.subnet, s))
      fail("subnet", `${cidr} overlaps ${other.subnet} of the active network ${other.name}`);
  }
}

/** Throws NetworkInputError on the first problem; returns normally when the host can take it. */
export function validateNewNetwork(input: CreateNetworkInput, ctx: HostNetworkContext): void {
  if (ctx.networks.some((n) => n.name === input.name))
    fail("name", `A network named ${input.name} already exists on this host`);
  if (input.kind === "bridge") {
    const bridge = ctx.interfaces.find((i) => i.name === input.hostBridge);
    if (bridge?.type !== "bridge")
      fail("hostBridge", `${input.hostBridge} is not a bridge on this host`);
    if (ctx.networks.some((n) => n.bridge === input.hostBridge && n.name !== input.name))
      fail("hostBridge", `${input.hostBridge} belongs to another libvirt network`);
    return;
  }
  const owner = ctx.networks.find((n) => n.bridge === input.bridge);
  if (owner)
    fail("bridge", `The bridge ${input.bridge} is already used by the network ${owner.name}`);
  if (ctx.interfaces.some((i) => i.name === input.bridge))
    fail("bridge", `The host already has an interface named ${input.bridge}`);
  checkAddresses(input, ctx);
}
