import { describe, expect, it } from "vitest";
import { attr, child, children, parseXml, text } from "@/lib/xml/parse";
import { parseDomainXml } from "@/lib/xml/parse-domain";

const XML = `<domain type='qemu' id='3'>
  <name>web &amp; db</name>
  <uuid>4dea22b3-1d52-d8f3-2516-782e98ab3fa0</uuid>
  <title>Shop</title>
  <metadata>
    <libosinfo:libosinfo xmlns:libosinfo="http://libosinfo.org/xmlns/libvirt/domain/1.0">
      <libosinfo:os id="http://debian.org/debian/12"/>
    </libosinfo:libosinfo>
  </metadata>
  <memory unit='GiB'>2</memory>
  <vcpu placement='static'>2</vcpu>
  <os><type arch='x86_64' machine='pc'>hvm</type></os>
  <devices>
    <disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='/var/lib/libvirt/images/web.qcow2'/><target dev='vda' bus='virtio'/></disk>
    <disk type='volume' device='cdrom'><source pool='isos' volume='debian.iso'/><target dev='sda' bus='sata'/></disk>
    <interface type='network'><mac address='52:54:00:AA:bb:01'/><source network='default'/><model type='virtio'/></interface>
    <interface type='bridge'><mac address='52:54:00:aa:bb:02'/><source bridge='br0'/></interface>
    <graphics type='vnc' port='5900' autoport='yes' listen='127.0.0.1'><listen type='address' address='127.0.0.1'/></graphics>
  </devices>
</domain>`;

describe("parseDomainXml", () => {
  it("reads name, size, OS and devices", () => {
    const d = parseDomainXml(XML);
    expect(d).toMatchObject({
      name: "web & db",
      uuid: "4dea22b3-1d52-d8f3-2516-782e98ab3fa0",
      type: "qemu",
      title: "Shop",
      vcpus: 2,
      memoryKiB: 2 * 1024 * 1024,
      osHint: "debian/12",
      osinfoId: "http://debian.org/debian/12",
    });
    expect(d.disks).toEqual([
      {
        target: "vda",
        device: "disk",
        source: "/var/lib/libvirt/images/web.qcow2",
        bus: "virtio",
        format: "qcow2",
      },
      { target: "sda", device: "cdrom", source: "isos/debian.iso", bus: "sata", format: null },
    ]);
    expect(d.nics).toEqual([
      { mac: "52:54:00:aa:bb:01", type: "network", source: "default", model: "virtio" },
      { mac: "52:54:00:aa:bb:02", type: "bridge", source: "br0", model: null },
    ]);
    expect(d.graphics).toEqual([{ type: "vnc", port: 5900, listen: "127.0.0.1" }]);
  });

  it("treats an inactive VNC port (-1) as none and a kernel boot as the OS hint", () => {
    const d =
      parseDomainXml(`<domain type='qemu'><name>t</name><uuid>u</uuid><memory>131072</memory><vcpu>1</vcpu>
      <os><type>hvm</type><kernel>/k</kernel></os><devices><graphics type='vnc' port='-1'/></devices></domain>`);
    expect(d.memoryKiB).toBe(131072);
    expect(d.graphics).toEqual([{ type: "vnc", port: null, listen: null }]);
    expect(d.osHint).toBe("direct kernel boot");
    expect(d.disks).toEqual([]);
  });
});

describe("parseXml", () => {
  it("decodes character references as libvirt's parser does, and only once", () => {
    const doc = parseXml(
      `<domain><name>a&#98;&#x63;&amp;#100;</name><devices><disk type='&#98;lock'/></devices></domain>`,
    );
    const domain = child(doc, "domain");
    expect(text(domain, "name")).toBe("abc&#100;");
    expect(attr(children(child(domain, "devices"), "disk")[0], "type")).toBe("block");
  });
});
