import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { isAtOrBelow, isBelow, normalizeHostPath } from "@/lib/storage/host-paths";
import { hostReach } from "@/lib/vms/host-reach";

const fixture = (name: string) =>
  readFileSync(path.join(import.meta.dirname, "fixtures", name), "utf8");

/** The target paths of the host's pools (active or not), as the storage reader gives them. */
const POOLS = [
  "/var/lib/libvirt/images",
  "/srv/pools/base/",
  "/srv/pools/isos",
  "/srv/pools/shared",
];

describe("host paths", () => {
  it("normalises dots, doubled and trailing slashes", () => {
    expect(normalizeHostPath("/var/lib/libvirt/images/../../../../etc/")).toBe("/etc");
    expect(normalizeHostPath("/srv//pools/./isos/")).toBe("/srv/pools/isos");
    expect(normalizeHostPath("/")).toBe("/");
  });

  it("tells below from beside, and refuses relative paths", () => {
    expect(isBelow("/srv/pools/isos/a.iso", "/srv/pools/isos/")).toBe(true);
    expect(isBelow("/srv/pools/isos", "/srv/pools/isos")).toBe(false);
    expect(isBelow("/srv/pools/isos-other/a.iso", "/srv/pools/isos")).toBe(false);
    expect(isBelow("/srv/pools/isos/../../etc/shadow", "/srv/pools/isos")).toBe(false);
    expect(isBelow("srv/pools/isos/a.iso", "/srv/pools/isos")).toBe(false);
    expect(isBelow("/anything", "/")).toBe(true);
    expect(isAtOrBelow("/srv/pools/isos/", "/srv/pools/isos")).toBe(true);
    expect(isAtOrBelow("/srv/pools", "/srv/pools/isos")).toBe(false);
  });
});

describe("hostReach", () => {
  it("finds nothing in an ordinary VM whose files are all in the host's pools", () => {
    expect(hostReach(fixture("plain.xml"), POOLS)).toEqual([]);
  });

  it("names everything in the QEMU namespace, whatever prefix binds it", () => {
    expect(hostReach(fixture("qemu-namespace.xml"), POOLS)).toEqual([
      "qemu:commandline passes raw QEMU arguments",
      "qemu:capabilities adds or removes QEMU capabilities",
      "qemu:override overrides QEMU's device properties",
    ]);
    const empty = `<domain xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'><qemu:commandline/></domain>`;
    expect(hostReach(empty, POOLS)).toEqual(["qemu:commandline passes raw QEMU arguments"]);
  });

  it("names host devices passed through, in every <devices> block", () => {
    expect(hostReach(fixture("host-devices.xml"), POOLS)).toEqual([
      "hostdev passes a host device through",
      "interface type='hostdev' passes a host network device through",
      "disk vdc passes a host NVMe device through",
    ]);
  });

  it("names block devices, files outside the pools, and what filesystems run or open", () => {
    expect(hostReach(fixture("host-paths.xml"), POOLS)).toEqual([
      "disk vda's source /dev/sda is a host block device",
      "disk vdb's source /etc/shadow is not in any of the host's pools",
      "disk vdc's source /etc/passwd is not in any of the host's pools",
      "disk vdd's source /var/lib/libvirt/images-other/x.qcow2 is not in any of the host's pools",
      "disk vde's source /dev/sdb is a host block device",
      "disk sda is a host block device",
      "disk hda's source /root is not in any of the host's pools",
      "filesystem rootfs runs the host program /tmp/my-virtiofsd as virtiofsd",
      "filesystem rootfs's source / is not in any of the host's pools",
      "filesystem sock connects to the host socket /run/virtiofsd.sock",
      "filesystem blk's source /dev/sdc is a host block device",
    ]);
  });

  it("names security labels turned off, chosen or not applied, and a DOCTYPE", () => {
    expect(hostReach(fixture("security-off.xml"), POOLS)).toEqual([
      "a <!DOCTYPE> can declare entities that hide what the XML holds",
      "seclabel type='none' turns QEMU's confinement off",
      "seclabel type='static' runs QEMU under a label the XML chooses",
      "seclabel relabel='no' keeps libvirt from labelling what QEMU opens",
    ]);
  });

  it("treats every file as outside when the host has no pools", () => {
    expect(hostReach(fixture("plain.xml"), [])).toEqual([
      "disk vda's source /var/lib/libvirt/images/web1.qcow2 is not in any of the host's pools",
      "disk vda's source /srv/pools/base/debian-12.qcow2 is not in any of the host's pools",
      "disk sda's source /srv/pools/isos/debian-12.iso is not in any of the host's pools",
      "filesystem docs's source /srv/pools/shared/docs is not in any of the host's pools",
    ]);
  });

  it("reads a second <domain> root too (libvirt refuses it; this check must not miss it)", () => {
    const xml = "<domain><devices/></domain><domain><devices><hostdev/></devices></domain>";
    expect(hostReach(xml, POOLS)).toEqual(["hostdev passes a host device through"]);
  });
});
