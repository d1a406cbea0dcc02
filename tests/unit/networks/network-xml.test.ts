import { describe, expect, it } from "vitest";
import type { IpNetworkInput } from "@/lib/schemas/network";
import {
  buildBridgeNetworkXml,
  buildDhcpHostXml,
  buildIpNetworkXml,
  buildNicXml,
} from "@/lib/xml/build-network";
import { parseXml } from "@/lib/xml/parse";
import { parseNetworkXml } from "@/lib/xml/parse-network";

const nat: IpNetworkInput = {
  hostId: "h",
  kind: "nat",
  name: "lab-nat",
  bridge: "virbr7",
  subnet: "10.60.7.0/24",
  gateway: "10.60.7.1",
  dhcp: true,
  dhcpStart: "10.60.7.100",
  dhcpEnd: "10.60.7.200",
  ipv6: "",
  domain: "lab",
  autostart: true,
};

describe("network XML", () => {
  it("builds a NAT network that parses back to the same settings", () => {
    const p = parseNetworkXml(buildIpNetworkXml(nat));
    expect(p).toMatchObject({
      name: "lab-nat",
      forwardMode: "nat",
      kind: "NAT",
      bridge: "virbr7",
      subnet: "10.60.7.0/24",
      gateway: "10.60.7.1",
      dhcpRange: { start: "10.60.7.100", end: "10.60.7.200" },
      domain: "lab",
      ipv6: null,
    });
  });

  it("builds a private bridge without <forward>, and without DHCP when off", () => {
    const xml = buildIpNetworkXml({ ...nat, kind: "private", dhcp: false, ipv6: "fd00:60::1/64" });
    expect(xml).not.toContain("<forward");
    const p = parseNetworkXml(xml);
    expect(p.kind).toBe("private bridge");
    expect(p.dhcpRange).toBeNull();
    expect(p.ipv6).toBe("fd00:60::1/64");
  });

  it("builds a public bridge onto a host bridge", () => {
    const p = parseNetworkXml(
      buildBridgeNetworkXml({
        hostId: "h",
        kind: "bridge",
        name: "lan",
        hostBridge: "br0",
        autostart: true,
      }),
    );
    expect(p).toMatchObject({ kind: "public bridge", bridge: "br0", subnet: null });
  });

  it("escapes whatever reaches the builder", () => {
    const xml = buildIpNetworkXml({ ...nat, name: `a<b>&"c'` });
    expect(xml).toContain("<name>a&lt;b&gt;&amp;&quot;c&apos;</name>");
    expect(parseNetworkXml(xml).name).toBe(`a<b>&"c'`);
    const host = buildDhcpHostXml({
      mac: "52:54:00:00:00:01",
      ip: "1.2.3.4",
      hostname: `x"/><evil`,
    });
    expect(Object.keys(parseXml(host))).toEqual(["host"]);
  });

  it("reads libvirt's own XML: netmask, static hosts, kinds", () => {
    const p = parseNetworkXml(`<network><name>default</name><uuid>u</uuid>
      <forward mode='nat'><nat><port start='1024' end='65535'/></nat></forward>
      <bridge name='virbr0' stp='on' delay='0'/>
      <ip address='192.168.122.1' netmask='255.255.255.0'><dhcp>
        <range start='192.168.122.2' end='192.168.122.254'/>
        <host mac='52:54:00:aa:bb:cc' name='web' ip='192.168.122.10'/>
      </dhcp></ip></network>`);
    expect(p.subnet).toBe("192.168.122.0/24");
    expect(p.dhcpHosts).toEqual([{ mac: "52:54:00:aa:bb:cc", ip: "192.168.122.10", name: "web" }]);
    expect(parseNetworkXml("<network><name>x</name><forward mode='route'/></network>").kind).toBe(
      "routed",
    );
    expect(parseNetworkXml("<network><name>x</name></network>").kind).toBe("other");
  });

  it("builds NIC XML for a network or a bridge", () => {
    const nic = parseXml(
      buildNicXml({ type: "bridge", source: "br0", mac: "52:54:00:01:02:03", model: "e1000" }),
    );
    expect(nic).toEqual({
      interface: [
        {
          "@type": "bridge",
          mac: { "@address": "52:54:00:01:02:03" },
          source: { "@bridge": "br0" },
          model: { "@type": "e1000" },
        },
      ],
    });
  });
});
