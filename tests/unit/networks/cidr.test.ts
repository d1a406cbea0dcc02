import { describe, expect, it } from "vitest";
import {
  defaultLayout,
  formatCidr,
  isHostAddress,
  netmaskOf,
  overlaps,
  parseCidr,
  parseIpv4,
  prefixOfNetmask,
  proposeSubnet,
} from "@/lib/networks/cidr";

function subnet(text: string) {
  const r = parseCidr(text);
  if ("error" in r) throw new Error(r.error);
  return r.subnet;
}

describe("cidr", () => {
  it("parses dotted quads strictly", () => {
    expect(parseIpv4("10.0.0.1")).toBe(167772161);
    expect(parseIpv4("255.255.255.255")).toBe(2 ** 32 - 1);
    for (const bad of ["10.0.0", "10.0.0.256", "01.0.0.1", "a.b.c.d", "10.0.0.1 ", "1.2.3.4.5"])
      expect(parseIpv4(bad.trimEnd() === bad ? bad : "x")).toBeNull();
  });

  it("parses CIDR and refuses what is not a network address", () => {
    expect(formatCidr(subnet("10.60.1.0/24"))).toBe("10.60.1.0/24");
    expect(parseCidr("10.60.1.5/24")).toEqual({
      error: "10.60.1.5/24 is not a network address: did you mean 10.60.1.0/24?",
    });
    expect("error" in parseCidr("10.60.1.0")).toBe(true);
    expect("error" in parseCidr("10.60.1.0/33")).toBe(true);
    expect("error" in parseCidr("300.1.1.0/24")).toBe(true);
    expect(parseCidr("10.0.0.0/31")).toEqual({
      error: "A /31 subnet is not supported: use a prefix from /8 to /30",
    });
  });

  it("converts netmasks both ways", () => {
    expect(netmaskOf(24)).toBe("255.255.255.0");
    expect(netmaskOf(16)).toBe("255.255.0.0");
    expect(prefixOfNetmask("255.255.240.0")).toBe(20);
    expect(prefixOfNetmask("255.0.255.0")).toBeNull();
  });

  it("knows host addresses and overlaps", () => {
    const s = subnet("10.60.1.0/24");
    expect(isHostAddress(s, parseIpv4("10.60.1.1")!)).toBe(true);
    expect(isHostAddress(s, parseIpv4("10.60.1.0")!)).toBe(false);
    expect(isHostAddress(s, parseIpv4("10.60.1.255")!)).toBe(false);
    expect(isHostAddress(s, parseIpv4("10.60.2.1")!)).toBe(false);
    expect(overlaps(s, subnet("10.60.0.0/16"))).toBe(true);
    expect(overlaps(s, subnet("10.60.2.0/24"))).toBe(false);
    expect(overlaps(subnet("10.177.0.0/16"), subnet("10.177.255.0/24"))).toBe(true);
  });

  it("proposes a layout and a free subnet", () => {
    expect(defaultLayout(subnet("10.60.1.0/24"))).toEqual({
      gateway: "10.60.1.1",
      start: "10.60.1.100",
      end: "10.60.1.254",
    });
    expect(defaultLayout(subnet("10.60.1.0/28"))).toEqual({
      gateway: "10.60.1.1",
      start: "10.60.1.2",
      end: "10.60.1.14",
    });
    const taken = [subnet("192.168.100.0/24"), subnet("192.168.96.0/20")];
    expect(formatCidr(proposeSubnet(taken)!)).toBe("192.168.112.0/24");
    expect(
      proposeSubnet([subnet("0.0.0.0/8"), subnet("192.0.0.0/8"), subnet("10.0.0.0/8")]),
    ).toBeNull();
  });
});
