import { describe, expect, it } from "vitest";
import { createVolumeSchema, poolNameSchema, volumeNameSchema } from "@/lib/schemas/storage";
import { formatBytes, parseSize } from "@/lib/storage/sizes";
import { buildPoolXml, buildVolumeXml } from "@/lib/xml/build-storage";
import { parsePoolXml, parseVolumeXml } from "@/lib/xml/parse-storage";

describe("sizes", () => {
  it("reads binary units with or without iB", () => {
    expect(parseSize("20G")).toBe(20 * 2 ** 30);
    expect(parseSize("512 MiB")).toBe(512 * 2 ** 20);
    expect(parseSize("1.5 KiB")).toBe(1536);
    expect(parseSize("2t")).toBe(2 * 2 ** 40);
    expect(parseSize("4096")).toBe(4096);
  });
  it("refuses negatives, zero, unknown units and sizes past 2^53", () => {
    for (const s of ["-1G", "0", "0G", "12 parsecs", "1e3G", "G", "", "99999999T"])
      expect(parseSize(s), s).toBeNull();
  });
  it("formats bytes", () => {
    expect(formatBytes(20 * 2 ** 30)).toBe("20 GiB");
    expect(formatBytes(1536)).toBe("1.50 KiB");
    expect(formatBytes(0)).toBe("0 B");
  });
});

describe("names", () => {
  it("accepts ordinary file names", () => {
    for (const n of ["disk.qcow2", "debian-12.iso", "a_b+c", "Win11"])
      expect(volumeNameSchema.safeParse(n).success, n).toBe(true);
  });
  it("refuses separators, leading dots and XML specials with a clear message", () => {
    const msg = (n: string) => volumeNameSchema.safeParse(n).error?.issues[0]?.message ?? "";
    expect(msg("../etc/passwd")).toMatch(/may not contain \//);
    expect(msg("a\\b")).toMatch(/may not contain/);
    expect(msg(".hidden")).toMatch(/may not start with a dot/);
    expect(msg("<disk>")).toMatch(/letters, digits/);
    expect(msg("a&b")).toMatch(/letters, digits/);
    expect(poolNameSchema.safeParse("x".repeat(51)).success).toBe(false);
  });
  it("refuses negative and huge capacities", () => {
    const base = { hostId: "h", pool: "p", name: "v" };
    expect(
      createVolumeSchema.safeParse({ ...base, capacity: "-5G" }).error?.issues[0]?.message,
    ).toBe("The size must be positive");
    expect(createVolumeSchema.safeParse({ ...base, capacity: 2 ** 60 }).success).toBe(false);
    expect(createVolumeSchema.parse({ ...base, capacity: "1G" }).capacity).toBe(2 ** 30);
  });
});

describe("storage XML", () => {
  it("builds a directory pool and reads it back", () => {
    const xml = buildPoolXml({
      hostId: "h",
      type: "dir",
      name: "images",
      path: "/var/lib/images",
      build: true,
      start: true,
      autostart: true,
    });
    expect(parsePoolXml(xml)).toMatchObject({
      name: "images",
      type: "dir",
      path: "/var/lib/images",
    });
  });
  it("builds a netfs pool with its source", () => {
    const xml = buildPoolXml({
      hostId: "h",
      type: "netfs",
      name: "nfs",
      server: "10.0.0.5",
      exportPath: "/export/vm",
      path: "/mnt/nfs",
      build: false,
      start: true,
      autostart: true,
    });
    expect(parsePoolXml(xml).source).toBe("10.0.0.5:/export/vm");
  });
  it("builds a backed qcow2 volume", () => {
    const xml = buildVolumeXml({
      name: "child.qcow2",
      capacity: 2 ** 30,
      format: "qcow2",
      backing: { path: "/p/base.qcow2", format: "qcow2" },
    });
    expect(xml).toContain('<capacity unit="bytes">1073741824</capacity>');
    expect(parseVolumeXml(xml)).toMatchObject({ format: "qcow2", backingPath: "/p/base.qcow2" });
  });
  it("reads a volume's sizes, its file's (libvirt's <physical>) null where it is not given", () => {
    const dumped =
      "<volume type='file'><name>a.qcow2</name><capacity unit='bytes'>16777216</capacity><allocation unit='bytes'>200704</allocation><physical unit='bytes'>196616</physical><target><path>/p/a.qcow2</path><format type='qcow2'/></target></volume>";
    expect(parseVolumeXml(dumped)).toMatchObject({
      capacity: 16777216,
      allocation: 200704,
      physical: 196616,
    });
    expect(parseVolumeXml(buildVolumeXml({ name: "b", capacity: 1, format: "raw" })).physical).toBe(
      null,
    );
  });
});
