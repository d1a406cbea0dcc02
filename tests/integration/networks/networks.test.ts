// Creating and changing networks through Virtdeck's service layer against the lab's libvirtd,
// with virsh as the oracle: refusals change nothing on the host, accepted networks are exactly
// what was asked for, static DHCP hosts change live and in the config.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { virsh } from "../support/virsh";
import {
  access,
  closeDb,
  db,
  freshSubnet,
  invoke,
  manager,
  netNames,
  removeNetwork,
  startLabHost,
  suffix,
  uri,
  user,
} from "./support";

const { createNetwork } = await import("@/lib/networks/create-network");
const { deleteNetwork, setNetworkAutostart, startNetwork, stopNetwork } = await import(
  "@/lib/networks/network-actions"
);
const { addDhcpHost, removeDhcpHost } = await import("@/lib/networks/dhcp-hosts");
const { getNetworkDetail, listHostNetworks } = await import("@/lib/networks/read-networks").then(
  async (m) => ({ ...m, ...(await import("@/lib/networks/network-detail")) }),
);
const { createNetworkSchema } = await import("@/lib/schemas/network");
const { createNetworkOp } = await import("@/lib/networks/operations");

const name = `vd-it-nat-${suffix()}`;
const { x, cidr } = freshSubnet();
const nat = {
  kind: "nat" as const,
  name,
  bridge: `vdit${suffix()}`,
  subnet: cidr,
  gateway: `10.60.${x}.1`,
  dhcp: true,
  dhcpStart: `10.60.${x}.100`,
  dhcpEnd: `10.60.${x}.200`,
  ipv6: "",
  domain: "",
  autostart: false,
};
let hostId = "";

beforeAll(async () => {
  hostId = await startLabHost();
});
afterAll(async () => {
  await removeNetwork(name);
  await manager.stopAll();
  await closeDb();
});

describe("network refusals", () => {
  it("refuses an overlap, a range outside, a bad CIDR and a duplicate name, audited; the host is unchanged", async () => {
    const before = await netNames();
    const cases: [object, RegExp][] = [
      [
        {
          subnet: "10.177.9.0/24",
          gateway: "10.177.9.1",
          dhcpStart: "10.177.9.10",
          dhcpEnd: "10.177.9.20",
        },
        /overlaps 10\.177\.0\.0\/16 of the active network vd-lab-nat/,
      ],
      [{ dhcpEnd: `10.60.${x + 1}.20` }, /must lie inside/],
      [{ subnet: "10.60.300.0/24" }, /not an IPv4 subnet in CIDR form/],
      [{ name: "vd-lab-nat" }, /A network named vd-lab-nat already exists/],
    ];
    for (const [change, message] of cases)
      await expect(
        invoke(createNetworkOp, { user }, { hostId, ...nat, ...change }),
      ).rejects.toThrow(message);
    expect(createNetworkSchema.safeParse({ hostId, ...nat, name: "a<b>&c" }).success).toBe(false);
    expect(await netNames()).toEqual(before);
    const refused = await db.auditEvent.count({
      where: { action: "network.create", outcome: "refused" },
    });
    expect(refused).toBe(cases.length);
  });
});

describe("a NAT network", () => {
  it("is created as asked, listed, and agrees with virsh net-dumpxml", async () => {
    await createNetwork({ hostId, ...nat });
    const xml = await virsh(uri, "net-dumpxml", name);
    expect(xml).toMatch(/<forward mode=['"]nat['"]/);
    expect(xml).toContain(`<bridge name='${nat.bridge}'`);
    expect(xml).toContain(`<ip address='${nat.gateway}' netmask='255.255.255.0'>`);
    expect(xml).toContain(`<range start='${nat.dhcpStart}' end='${nat.dhcpEnd}'`);
    const listed = (await listHostNetworks(hostId, access)).find((n) => n.name === name);
    expect(listed).toMatchObject({
      kind: "NAT",
      subnet: cidr,
      active: true,
      autostart: false,
      persistent: true,
      vms: [],
    });
  });

  it("adds and removes a static DHCP host live and in the config", async () => {
    const entry = {
      hostId,
      name,
      mac: "52:54:00:60:00:01",
      ip: `10.60.${x}.50`,
      hostname: "fixed",
    };
    await addDhcpHost(entry);
    const host = `<host mac='52:54:00:60:00:01' name='fixed' ip='10.60.${x}.50'/>`;
    expect(await virsh(uri, "net-dumpxml", name)).toContain(host);
    expect(await virsh(uri, "net-dumpxml", "--inactive", name)).toContain(host);
    expect((await getNetworkDetail(hostId, name, access)).dhcpHosts).toEqual([
      { mac: entry.mac, ip: entry.ip, name: "fixed" },
    ]);
    await expect(addDhcpHost({ ...entry, ip: "10.61.0.5" })).rejects.toThrow(
      /not a host address inside/,
    );
    await removeDhcpHost(entry);
    expect(await virsh(uri, "net-dumpxml", name)).not.toContain("<host ");
  });

  it("stops, starts, sets autostart, and is deleted", async () => {
    await stopNetwork({ hostId, name });
    expect(await virsh(uri, "net-info", name)).toMatch(/Active:\s+no/);
    await startNetwork({ hostId, name });
    await setNetworkAutostart({ hostId, name }, true);
    expect(await virsh(uri, "net-info", name)).toMatch(/Active:\s+yes[\s\S]*Autostart:\s+yes/);
    await deleteNetwork({ hostId, name }, false);
    expect(await netNames()).not.toContain(name);
    await expect(stopNetwork({ hostId, name })).rejects.toThrow(/Network not found/);
  });
});
