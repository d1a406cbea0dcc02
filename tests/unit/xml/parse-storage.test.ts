import { describe, expect, it } from "vitest";
import { parsePoolTypes } from "@/lib/xml/parse-storage";

// Shaped like `virsh pool-capabilities` on libvirt 9 (trimmed).
const CAPS = `<storagepoolCapabilities>
  <pool type='dir' supported='yes'>
    <volOptions><defaultFormat type='raw'/><enum name='targetFormatType'><value>raw</value></enum></volOptions>
  </pool>
  <pool type='fs' supported='yes'/>
  <pool type='netfs' supported='no'/>
  <pool type='logical' supported='yes'>
    <poolOptions><defaultFormat type='lvm2'/></poolOptions>
  </pool>
  <pool type='rbd' supported='no'/>
</storagepoolCapabilities>`;

describe("parsePoolTypes", () => {
  it("lists the supported types only, in the host's order", () => {
    expect(parsePoolTypes(CAPS)).toEqual(["dir", "fs", "logical"]);
  });

  it("reads a host that supports one type", () => {
    const one =
      "<storagepoolCapabilities><pool type='dir' supported='yes'/></storagepoolCapabilities>";
    expect(parsePoolTypes(one)).toEqual(["dir"]);
  });

  it("gives nothing for a document without pools", () => {
    expect(parsePoolTypes("<storagepoolCapabilities/>")).toEqual([]);
  });
});
