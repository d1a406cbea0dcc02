/**
 * The QEMU driver with a tiny guest of our own (never the shared vd-tiny):
 * define, start, state and XML, devices, addresses, shut down, undefine,
 * with virsh as the independent oracle.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  AddressSource,
  type Connection,
  connect,
  type DomainRef,
  DomainXmlFlags,
  Impact,
  isNotFound,
  StatsTypes,
  virshStateWord,
} from "@/lib/libvirt";
import { labEnv } from "../support/lab-env";
import { guestXml, removeDomain, virsh, waitFor } from "../support/virsh";
import { uniqueName } from "./helpers";

const lab = labEnv();
const URI = lab.LAB_URI;
const name = uniqueName("vd-lv");
let c: Connection;
let dom: DomainRef;

beforeAll(async () => {
  c = await connect(URI);
});
afterAll(async () => {
  await c.close();
  await removeDomain(URI, name);
});

describe("a tiny guest on the QEMU driver", () => {
  it("defines it; virsh sees the same UUID", async () => {
    dom = await c.domains.define(await guestXml(lab, name));
    expect(dom.id).toBe(-1);
    expect(await virsh(URI, "domuuid", name)).toBe(dom.uuid);
    expect(await virsh(URI, "domstate", name)).toBe(
      virshStateWord((await c.domains.state(dom)).stateCode),
    );
  });

  it("edits the persistent config: autostart, vCPUs, memory, devices", async () => {
    await c.domains.setAutostart(dom, true);
    expect(await virsh(URI, "dominfo", name)).toMatch(/Autostart:\s+enable/);
    await c.domains.setAutostart(dom, false);
    await c.domains.setMemory(dom, 96 * 1024, Impact.CONFIG);
    expect(await virsh(URI, "dumpxml", "--inactive", name)).toContain(
      "<currentMemory unit='KiB'>98304</currentMemory>",
    );
    const disk = `<disk type="file" device="cdrom"><target dev="hdc" bus="ide"/><readonly/></disk>`;
    await c.domainExtras.attachDevice(dom, disk, Impact.CONFIG);
    expect(await virsh(URI, "dumpxml", "--inactive", name)).toContain("dev='hdc'");
    await c.domainExtras.detachDevice(dom, disk, Impact.CONFIG);
    expect(await virsh(URI, "dumpxml", "--inactive", name)).not.toContain("dev='hdc'");
  });

  it("starts it; state, info and XML match virsh", async () => {
    dom = await c.domains.start(dom);
    expect(dom.id).toBeGreaterThan(0);
    expect(await virsh(URI, "domid", name)).toBe(String(dom.id));
    const state = await c.domains.state(dom);
    expect(virshStateWord(state.stateCode)).toBe(await virsh(URI, "domstate", name));
    const info = await c.domains.info(dom);
    expect(await virsh(URI, "dominfo", name)).toMatch(
      new RegExp(`Max memory:\\s+${info.maxMemKiB} KiB`),
    );
    const xml = await c.domains.xml(dom);
    expect(xml).toBe(`${await virsh(URI, "dumpxml", name)}\n`);
    expect(await c.domains.xml(dom, DomainXmlFlags.INACTIVE)).toContain(`<name>${name}</name>`);
    expect(await c.domains.isActive(dom)).toBe(true);
  });

  it("reads its stats and its address from the DHCP lease", async () => {
    const [stats] = await c.domainExtras.allStats(StatsTypes.STATE | StatsTypes.CPU_TOTAL, 0, [
      dom,
    ]);
    expect(stats?.stats["state.state"]).toBe(1);
    expect(typeof stats?.stats["cpu.time"]).toBe("bigint");
    const ifaces = await waitFor(
      "a DHCP lease",
      async () => {
        const r = await c.domainExtras.interfaceAddresses(dom, AddressSource.LEASE);
        return r.some((i) => i.addrs.length > 0) ? r : undefined;
      },
      45_000,
      500,
    );
    const out = await virsh(URI, "domifaddr", name, "--source", "lease");
    for (const a of ifaces.flatMap((i) => i.addrs)) expect(out).toContain(`${a.addr}/${a.prefix}`);
  });

  it("suspends and resumes it", async () => {
    await c.domains.suspend(dom);
    expect(await virsh(URI, "domstate", name)).toBe("paused");
    await c.domains.resume(dom);
    expect(await virsh(URI, "domstate", name)).toBe("running");
  });

  it("destroys and undefines it", async () => {
    await c.domains.destroy(dom);
    expect(await virsh(URI, "domstate", name)).toBe("shut off");
    await c.domains.undefine(dom);
    expect(await c.domains.lookupByName(name).catch(isNotFound)).toBe(true);
    expect(await virsh(URI, "list", "--all", "--name")).not.toContain(name);
  });
});
