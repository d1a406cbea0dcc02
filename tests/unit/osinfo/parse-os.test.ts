import { describe, expect, it } from "vitest";
import { inheritResources, parseOsXml } from "@/lib/osinfo/parse-os";

const GIB = 1024 ** 3;
const BASE = `<libosinfo version="0.0.1">
  <os id="http://example.org/base/1">
    <short-id>base1</short-id>
    <name>Base 1</name>
    <name xml:lang="de">Basis 1</name>
    <vendor xml:lang="fr">Projet</vendor>
    <vendor>Example Project</vendor>
    <family>linux</family>
    <release-date>2020-01-01</release-date>
    <eol-date>2024-06-30</eol-date>
    <resources arch="all">
      <minimum><n-cpus>1</n-cpus><ram>${GIB}</ram><storage>${10 * GIB}</storage></minimum>
      <recommended><ram>${2 * GIB}</ram></recommended>
    </resources>
    <resources arch="x86_64">
      <recommended><n-cpus>2</n-cpus><ram>${4 * GIB}</ram><storage>${20 * GIB}</storage></recommended>
    </resources>
  </os>
</libosinfo>`;
const CHILD = `<libosinfo version="0.0.1">
  <os id="http://example.org/base/2">
    <short-id>base2</short-id>
    <name>Base 2</name>
    <vendor>Example Project</vendor>
    <family>winnt</family>
    <derives-from id="http://example.org/base/1"/>
    <firmware arch="x86_64" type="efi"/>
    <firmware arch="x86_64" type="bios" supported="false"/>
  </os>
</libosinfo>`;

describe("parseOsXml", () => {
  it("reads the untranslated names, dates, and x86_64 resources before 'all'", () => {
    const [os] = parseOsXml(BASE);
    expect(os).toEqual({
      id: "http://example.org/base/1",
      shortId: "base1",
      name: "Base 1",
      vendor: "Example Project",
      family: "linux",
      releaseDate: "2020-01-01",
      eolDate: "2024-06-30",
      parent: null,
      resources: { vcpus: 2, ramBytes: 4 * GIB, storageBytes: 20 * GIB },
      uefiOnly: false,
    });
  });

  it("takes the minimum where nothing is recommended", () => {
    const [os] = parseOsXml(BASE.replace(/<resources arch="x86_64">[\s\S]*?<\/resources>/, ""));
    expect(os?.resources).toEqual({ vcpus: 1, ramBytes: 2 * GIB, storageBytes: 10 * GIB });
  });

  it("marks systems whose BIOS support is off as UEFI-only and inherits resources", () => {
    const entries = inheritResources([...parseOsXml(BASE), ...parseOsXml(CHILD)]);
    const child = entries.find((e) => e.id === "http://example.org/base/2");
    expect(child).toMatchObject({
      uefiOnly: true,
      parent: "http://example.org/base/1",
      resources: { vcpus: 2, ramBytes: 4 * GIB, storageBytes: 20 * GIB },
    });
  });

  it("survives a derivation cycle", () => {
    const a = CHILD.replace("base/2", "base/3").replace("base/1", "base/4");
    const b = CHILD.replace("base/2", "base/4").replace("base/1", "base/3");
    const entries = inheritResources([...parseOsXml(a), ...parseOsXml(b)]);
    expect(entries.map((e) => e.resources)).toEqual([{}, {}]);
  });
});
