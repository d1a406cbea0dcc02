import { describe, expect, it } from "vitest";
import { type HostNetworkContext, validateNewNetwork } from "@/lib/networks/validate-network";
import { createNetworkSchema, type IpNetworkInput } from "@/lib/schemas/network";

const ctx: HostNetworkContext = {
  networks: [
    { name: "vd-lab-nat", bridge: "vdlab0", subnet: "10.177.0.0/16", active: true },
    { name: "parked", bridge: "virbr9", subnet: "10.60.9.0/24", active: false },
  ],
  interfaces: [
    { name: "vdlab0", type: "bridge" },
    { name: "br0", type: "bridge" },
    { name: "eth0", type: "ethernet" },
  ],
};

const base: IpNetworkInput = {
  hostId: "h",
  kind: "nat",
  name: "new-net",
  bridge: "virbr3",
  subnet: "10.60.3.0/24",
  gateway: "10.60.3.1",
  dhcp: true,
  dhcpStart: "10.60.3.100",
  dhcpEnd: "10.60.3.254",
  ipv6: "",
  domain: "",
  autostart: true,
};

function problem(change: Partial<IpNetworkInput>): string | null {
  try {
    validateNewNetwork({ ...base, ...change }, ctx);
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}

describe("validateNewNetwork", () => {
  it("accepts a sound network, even over an inactive network's subnet", () => {
    expect(problem({})).toBeNull();
    expect(problem({ subnet: "10.60.9.0/24", gateway: "10.60.9.1", dhcp: false })).toBeNull();
  });

  it("refuses overlaps, bad ranges, gateways and duplicates with a clear message", () => {
    expect(problem({ subnet: "10.177.5.0/24", gateway: "10.177.5.1", dhcp: false })).toBe(
      "10.177.5.0/24 overlaps 10.177.0.0/16 of the active network vd-lab-nat",
    );
    expect(problem({ dhcpEnd: "10.60.4.10" })).toBe(
      "The DHCP range 10.60.3.100–10.60.4.10 must lie inside 10.60.3.0/24",
    );
    expect(problem({ dhcpStart: "10.60.3.200", dhcpEnd: "10.60.3.150" })).toMatch(
      /before it starts/,
    );
    expect(problem({ gateway: "10.60.3.150" })).toBe(
      "The gateway 10.60.3.150 must be outside the DHCP range",
    );
    expect(problem({ gateway: "10.60.4.1" })).toMatch(/not a host address inside/);
    expect(problem({ subnet: "10.60.3/24" })).toMatch(/not an IPv4 subnet in CIDR form/);
    expect(problem({ name: "vd-lab-nat" })).toBe(
      "A network named vd-lab-nat already exists on this host",
    );
    expect(problem({ bridge: "vdlab0" })).toBe(
      "The bridge vdlab0 is already used by the network vd-lab-nat",
    );
    expect(problem({ bridge: "eth0" })).toBe("The host already has an interface named eth0");
  });

  it("checks public bridges against the host's bridges", () => {
    const bridge = {
      hostId: "h",
      kind: "bridge",
      name: "lan",
      hostBridge: "br0",
      autostart: true,
    } as const;
    expect(() => validateNewNetwork(bridge, ctx)).not.toThrow();
    expect(() => validateNewNetwork({ ...bridge, hostBridge: "eth0" }, ctx)).toThrow(
      "eth0 is not a bridge on this host",
    );
    expect(() => validateNewNetwork({ ...bridge, hostBridge: "vdlab0" }, ctx)).toThrow(
      "vdlab0 belongs to another libvirt network",
    );
  });

  it("the schema refuses names with XML specials before anything else", () => {
    const r = createNetworkSchema.safeParse({ ...base, name: "a<b>" });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toMatch(/letters, digits and/);
  });
});
