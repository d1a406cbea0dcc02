// The domain XML builder against the lab's real libvirtd, with virsh as the oracle: hostile text
// is stored literally (never as markup), the volume XML creates a qcow2 of the asked size, and a
// domain libvirt refuses fails in libvirt's own words with nothing defined.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Connection, connect } from "@/lib/libvirt";
import { createVmSchema } from "@/lib/schemas/vm-create";
import { buildDomainXml, buildVolumeXml } from "@/lib/xml/build-domain";
import { labEnv } from "../support/lab-env";
import { virsh } from "../support/virsh";
import { createLabPool, type LabPool } from "./lab-pool";

const lab = labEnv();
const HOSTILE = `a<b>&"c' ]]> <!-- x`;
const name = `vd-build-${randomBytes(3).toString("hex")}`;
let conn: Connection;
let pool: LabPool;

beforeAll(async () => {
  conn = await connect(lab.LAB_URI);
  pool = await createLabPool(lab.LAB_URI, "vd-build");
});

afterAll(async () => {
  await virsh(lab.LAB_URI, "undefine", name).catch(() => undefined);
  await pool?.remove();
  await conn?.close();
});

function spec(over: Record<string, unknown> = {}, path = "/nonexistent/disk.qcow2") {
  const input = createVmSchema.parse({
    hostId: "h",
    name,
    title: HOSTILE,
    description: `</description><devices/>${HOSTILE}`,
    source: { kind: "kernel", kernel: lab.LAB_GUEST_KERNEL, cmdline: HOSTILE },
    vcpus: 1,
    memoryMib: 128,
    domainType: "qemu",
    network: lab.LAB_NETWORK,
    ...over,
  });
  return { ...input, disks: [{ path, format: "qcow2" as const, bus: "virtio" as const }] };
}

describe("domain and volume XML on the real libvirtd", () => {
  it("creates a qcow2 volume of the asked size and a domain whose text is stored literally", async () => {
    const p = await conn.storage.lookupPool(pool.name);
    const vol = await conn.storage.createVolume(
      p,
      buildVolumeXml({ name: `${name}-disk1.qcow2`, bytes: 10 * 1024 * 1024, format: "qcow2" }),
    );
    const path = await conn.storage.volumePath(vol);
    expect(await virsh(lab.LAB_URI, "vol-info", "--pool", pool.name, vol.name)).toMatch(
      /Capacity:\s+10\.00 MiB/,
    );
    await conn.domains.define(buildDomainXml(spec({}, path)));
    expect(await virsh(lab.LAB_URI, "desc", name, "--title")).toBe(HOSTILE);
    expect(await virsh(lab.LAB_URI, "desc", name)).toBe(`</description><devices/>${HOSTILE}`);
    const xml = await virsh(lab.LAB_URI, "dumpxml", name);
    expect(xml).toContain(`<source file='${path}'/>`);
    expect(xml).toContain(`<source network='${lab.LAB_NETWORK}'/>`);
    expect(xml.match(/<devices>/g)).toHaveLength(1);
    await virsh(lab.LAB_URI, "undefine", name);
  });

  it("records the chosen osinfo-db system in the domain's metadata, as virt-install does", async () => {
    const id = "http://debian.org/debian/11";
    await conn.domains.define(buildDomainXml(spec({ osinfoId: id })));
    const xml = await virsh(lab.LAB_URI, "dumpxml", name, "--inactive");
    expect(xml).toMatch(
      /<libosinfo:libosinfo xmlns:libosinfo="http:\/\/libosinfo.org\/xmlns\/libvirt\/domain\/1.0">\s*<libosinfo:os id="http:\/\/debian.org\/debian\/11"\/>/,
    );
    await virsh(lab.LAB_URI, "undefine", name);
    for (const bad of [`x"/><devices/>`, "javascript:alert(1)", "http://a b"])
      expect(() => spec({ osinfoId: bad })).toThrow(/libosinfo OS id/);
  });

  it("a domain libvirt refuses fails in libvirt's words and nothing is defined", async () => {
    const bad = buildDomainXml({
      ...spec(),
      network: "",
      name: `${name}-bad`,
      memoryMib: 128,
    }).replace('<vcpu placement="static">1</vcpu>', '<vcpu placement="static">0</vcpu>');
    await expect(conn.domains.define(bad)).rejects.toMatchObject({
      name: "LibvirtError",
      message: expect.stringMatching(/vcpu|Invalid number/i),
    });
    expect(await virsh(lab.LAB_URI, "list", "--all", "--name")).not.toContain(`${name}-bad`);
  });
});
