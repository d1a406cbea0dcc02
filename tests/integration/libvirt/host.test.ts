/** Host operations against the lab's libvirtd, with virsh as the oracle. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Connection, connect } from "@/lib/libvirt";
import { labEnv } from "../support/lab-env";
import { virsh } from "../support/virsh";

const lab = labEnv();
let c: Connection;
beforeAll(async () => {
  c = await connect(lab.LAB_URI);
});
afterAll(async () => {
  await c.close();
});

describe("host operations (QEMU driver)", () => {
  it("negotiated keepalive and callback events", () => {
    expect(c.features).toMatchObject({ keepalive: true, eventCallbacks: true });
  });

  it("reports hostname, driver and versions as virsh does", async () => {
    expect(await c.host.hostname()).toBe(await virsh(lab.LAB_URI, "hostname"));
    expect(await c.host.driverType()).toBe("QEMU");
    expect(await c.host.uri()).toBe(await virsh(lab.LAB_URI, "uri"));
    const version = await virsh(lab.LAB_URI, "version");
    expect(version).toContain(`Using library: libvirt ${(await c.host.libVersion()).text}`);
    expect(version).toContain(
      `Running hypervisor: QEMU ${(await c.host.hypervisorVersion()).text}`,
    );
  });

  it("reads node info like virsh nodeinfo", async () => {
    const info = await c.host.nodeInfo();
    const out = await virsh(lab.LAB_URI, "nodeinfo");
    const field = (k: string) => new RegExp(`^${k}:\\s+(.*)$`, "m").exec(out)?.[1];
    expect(info.model).toBe(field("CPU model"));
    expect(String(info.cpus)).toBe(field("CPU\\(s\\)"));
    expect(`${info.memoryKiB} KiB`).toBe(field("Memory size"));
    expect(String(info.sockets)).toBe(field("CPU socket\\(s\\)"));
  });

  it("returns capabilities and domain capabilities XML", async () => {
    const caps = await c.host.capabilities();
    expect(caps).toContain("<capabilities>");
    expect(caps).toContain(lab.LAB_HOST1_UUID);
    const dc = await c.host.domainCapabilities({ virttype: "qemu" });
    expect(dc).toContain("<domainCapabilities>");
  });

  it("reads CPU and memory stats and free memory", async () => {
    const cpu = await c.host.cpuStats();
    expect(Object.keys(cpu)).toEqual(expect.arrayContaining(["kernel", "user", "idle"]));
    const mem = await c.host.memoryStats();
    const out = await virsh(lab.LAB_URI, "nodememstats");
    const total = /^total\s*:\s*(\d+) KiB/m.exec(out)?.[1];
    expect(String(mem.total)).toBe(total);
    const free = await c.host.freeMemory();
    expect(free).toBeGreaterThan(0);
    expect(free).toBeLessThanOrEqual(Number(mem.total) * 1024);
    expect((await c.host.cellsFreeMemory(0, 1))[0]).toBeGreaterThan(0);
  });

  it("turns a missing object into a LibvirtError with virsh's message", async () => {
    const dom = await c.domains.lookupByName("vd-no-such-domain").catch((e: unknown) => e);
    expect(dom).toMatchObject({ code: 42, codeName: "NO_DOMAIN", domain: 10 });
    expect((dom as Error).message).toBe(
      "Domain not found: no domain with matching name 'vd-no-such-domain'",
    );
    const net = await c.networks.lookupByName("vd-no-such-net").catch((e: unknown) => e);
    expect(net).toMatchObject({ code: 43, codeName: "NO_NETWORK" });
    const viaVirsh = await virsh(lab.LAB_URI, "net-info", "vd-no-such-net").catch(
      (e: Error) => e.message,
    );
    expect(viaVirsh).toContain(`error: ${(net as Error).message}`);
  });
});
