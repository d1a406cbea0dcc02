/**
 * Host interfaces and bridges (HostApi.listInterfaces, lookupInterface, interfaceXml) on both
 * lab hosts, with virsh iface-list / iface-mac / iface-dumpxml as the oracle.
 *
 * Finding: the lab's libvirtd 9.0 (Debian builds it without netcf) has the udev interface
 * backend, so these calls work rather than failing with NO_SUPPORT. It lists what each daemon's
 * network namespace has: loopback (inactive: its operstate is "unknown"), the veth to the
 * other host, and the lab bridge (no guest taps). Each host sees its own set.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Connection, connect, ErrorCode, isNotFound, LibvirtError } from "@/lib/libvirt";
import { labEnv } from "../support/lab-env";
import { virsh } from "../support/virsh";

const lab = labEnv();
const ACTIVE = 2;
const INACTIVE = 1;

/** `virsh iface-list` rows as "name mac", sorted. */
async function virshIfaces(uri: string, ...flags: string[]): Promise<string[]> {
  const out = await virsh(uri, "iface-list", ...flags);
  return out
    .split("\n")
    .map((l) => l.trim().split(/\s+/))
    .filter((f) => f.length === 3)
    .map(([name, , mac]) => `${name} ${mac}`)
    .sort();
}

const rows = (list: { name: string; mac: string }[]) =>
  list.map((i) => `${i.name} ${i.mac}`).sort();

for (const [label, uri] of [
  ["host 1 (UNIX socket)", lab.LAB_URI],
  ["host 2 (qemu+tcp)", lab.LAB_HOST2_TCP_URI],
] as const) {
  describe(`host interfaces on ${label}`, () => {
    let c: Connection;
    beforeAll(async () => {
      c = await connect(uri);
    });
    afterAll(async () => {
      await c.close();
    });

    it("lists the interfaces virsh lists: all, active and inactive", async () => {
      const all = rows(await c.host.listInterfaces());
      expect(all).toEqual(await virshIfaces(uri, "--all"));
      expect(all.some((r) => r.startsWith("lo "))).toBe(true);
      expect(rows(await c.host.listInterfaces(ACTIVE))).toEqual(await virshIfaces(uri));
      expect(rows(await c.host.listInterfaces(INACTIVE))).toEqual(
        await virshIfaces(uri, "--inactive"),
      );
    });

    it("looks up the lab bridge by name and reads its XML like virsh", async () => {
      const br = await c.host.lookupInterface(lab.LAB_BRIDGE);
      expect(br.name).toBe(lab.LAB_BRIDGE);
      expect(br.mac).toBe(await virsh(uri, "iface-mac", lab.LAB_BRIDGE));
      const xml = await c.host.interfaceXml(br);
      expect(xml).toContain(`<interface type='bridge' name='${lab.LAB_BRIDGE}'>`);
      expect(xml).toContain("<bridge stp='off' delay='0'>");
      expect(xml.trim()).toBe(await virsh(uri, "iface-dumpxml", lab.LAB_BRIDGE));
    });

    it("reports a missing interface with libvirt's not-found error", async () => {
      const err = await c.host.lookupInterface("vd-no-such-if").then(
        () => new Error("found unexpectedly"),
        (e: Error) => e,
      );
      expect(err).toBeInstanceOf(LibvirtError);
      expect(isNotFound(err)).toBe(true);
      expect(err).toMatchObject({ code: ErrorCode.NO_INTERFACE });
      expect(err.message).toBe(
        "Interface not found: couldn't find interface named 'vd-no-such-if'",
      );
      const oracle = await virsh(uri, "iface-dumpxml", "vd-no-such-if").then(
        () => "",
        (e: Error) => e.message,
      );
      expect(oracle).toContain(`error: ${err.message}`);
    });
  });
}
