// Guests on Virtdeck-made networks: two tiny guests on a private bridge get leases from it and
// reach each other but nothing outside; a NIC moved, added live onto a public bridge (a host
// bridge made with ip link), and removed again; a guest's address known only to its guest agent
// (static address, no DHCP) reaches the inventory; deleting a network in use needs a yes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LibvirtStream } from "@/lib/libvirt";
import { removeTinyGuest } from "../lab/tiny-guest";
import { defineXml, guestXml, run, virsh, waitFor } from "../support/virsh";
import {
  access,
  closeDb,
  db,
  freshSubnet,
  lab,
  manager,
  readUntil,
  removeBridge,
  removeNetwork,
  shell,
  startLabHost,
  suffix,
  uri,
} from "./support";

const { createNetwork } = await import("@/lib/networks/create-network");
const { deleteNetwork } = await import("@/lib/networks/network-actions");
const { getNetworkLeases } = await import("@/lib/networks/network-detail");
const { addNic, changeNicSource, removeNic } = await import("@/lib/networks/vm-nics");

const id = suffix();
const priv = `vd-it-priv-${id}`;
const pub = `vd-it-pub-${id}`;
const hostBridge = `vdbr${id}`;
const guests = [`vd-it-a-${id}`, `vd-it-b-${id}`];
const noDhcp = `vd-it-nodhcp-${id}`;
const agentGuest = `vd-it-agent-${id}`;
const { x, cidr } = freshSubnet();
let hostId = "";
const consoles: LibvirtStream[] = [];

async function vmId(name: string): Promise<string> {
  return waitFor(
    `${name} in the inventory`,
    async () => (await db.vm.findFirst({ where: { name } }))?.id,
    15_000,
  );
}

async function macOf(name: string): Promise<string> {
  return (await virsh(uri, "domiflist", name)).split("\n")[0]!.trim().split(/\s+/).pop()!;
}

beforeAll(async () => {
  hostId = await startLabHost();
  await run("ip", ["link", "add", hostBridge, "type", "bridge"]);
  await run("ip", ["link", "set", hostBridge, "up"]);
});
afterAll(async () => {
  for (const c of consoles) c.destroy();
  for (const g of [...guests, agentGuest]) await removeTinyGuest(lab, g);
  await removeNetwork(priv);
  await removeNetwork(noDhcp);
  await removeNetwork(pub);
  await removeBridge(hostBridge);
  await manager.stopAll();
  await closeDb();
});

describe("guests on Virtdeck networks", () => {
  it("two guests on a private bridge get its addresses and reach each other, nothing else", async () => {
    const base = { hostId, dhcp: true, ipv6: "", domain: "", autostart: false };
    await createNetwork({
      ...base,
      kind: "private",
      name: priv,
      bridge: `vdp${id}`,
      subnet: cidr,
      gateway: `10.60.${x}.1`,
      dhcpStart: `10.60.${x}.100`,
      dhcpEnd: `10.60.${x}.199`,
    });
    expect(await virsh(uri, "net-dumpxml", priv)).not.toContain("<forward");
    // Guest b starts on the lab's NAT network and is moved (config only: it is shut off).
    await defineXml(uri, await guestXml(lab, guests[0]!, priv));
    await defineXml(uri, await guestXml(lab, guests[1]!, lab.LAB_NETWORK));
    const b = await vmId(guests[1]!);
    const moved = await changeNicSource(b, {
      mac: await macOf(guests[1]!),
      type: "network",
      source: priv,
    });
    expect(moved.applied).toBe("next-boot");
    for (const g of guests) await virsh(uri, "start", g);

    const ips: string[] = [];
    for (const g of guests) {
      const mac = await macOf(g);
      const lease = await waitFor(
        `${g}'s lease on ${priv}`,
        async () => (await getNetworkLeases(hostId, priv, access)).find((l) => l.mac === mac),
        60_000,
        500,
      );
      expect(lease.ip.startsWith(`10.60.${x}.`)).toBe(true);
      expect(lease.vm?.name).toBe(g);
      ips.push(lease.ip);
    }
    // The inventory shows the address once the lease is there (watchAddresses after the start).
    await waitFor(
      "b's IP in the inventory",
      async () =>
        (await db.vm.findUnique({ where: { id: b } }))?.nics.includes(ips[1]!) ? true : undefined,
      40_000,
      500,
    );

    const dom = await manager.connection(hostId).domains.lookupByName(guests[0]!);
    const serial = await manager.connection(hostId).streams.console(dom, { force: true });
    consoles.push(serial);
    const poke = setInterval(() => serial.write("\r"), 1_000);
    await readUntil(serial, lab.LAB_GUEST_PROMPT, 60_000).finally(() => clearInterval(poke));
    expect(await shell(serial, `ping -c1 -W3 ${ips[1]}`)).toMatch(/1 packets received/);
    expect(await shell(serial, `ping -c1 -W3 ${lab.LAB_HOST1_ADDR}`)).toMatch(
      /0 packets received|unreachable/i,
    );
  }, 180_000);

  it("adds a NIC live on a public bridge, then removes it", async () => {
    await createNetwork({ hostId, kind: "bridge", name: pub, hostBridge, autostart: false });
    const a = await vmId(guests[0]!);
    const added = await addNic(a, { type: "network", source: pub, model: "e1000", mac: "" });
    expect(added.applied).toBe("live");
    expect(added.mac).toMatch(/^52:54:00:/);
    const ports = (await run("bridge", ["link", "show", "master", hostBridge])).stdout;
    expect(ports).toMatch(/vnet\d+/);
    expect(await virsh(uri, "dumpxml", "--inactive", guests[0]!)).toContain(added.mac);
    const row = await db.vm.findUniqueOrThrow({ where: { id: a } });
    expect(row.nics).toContain(`"source":"${pub}"`);
    await removeNic(a, added.mac);
    await waitFor(
      "the NIC gone from the live XML",
      async () =>
        (await virsh(uri, "dumpxml", guests[0]!)).includes(added.mac) ? undefined : true,
      15_000,
    );
    expect(await virsh(uri, "dumpxml", "--inactive", guests[0]!)).not.toContain(added.mac);
  });

  it("shows the address the guest agent reports on a network without DHCP", async () => {
    const y = (x + 1) % 250;
    await createNetwork({
      hostId,
      kind: "private",
      name: noDhcp,
      bridge: `vdn${id}`,
      subnet: `10.61.${y}.0/24`,
      gateway: `10.61.${y}.1`,
      dhcp: false,
      dhcpStart: "",
      dhcpEnd: "",
      ipv6: "",
      domain: "",
      autostart: false,
    });
    // The guest sets a static address (vdip=) and runs the lab's guest agent; no lease exists.
    const address = `10.61.${y}.50`;
    const xml = (await guestXml(lab, agentGuest, noDhcp)).replace(
      "</cmdline>",
      ` vdip=${address}/24</cmdline>`,
    );
    await defineXml(uri, xml);
    await virsh(uri, "start", agentGuest);
    const vm = await vmId(agentGuest);
    await waitFor(
      "the agent's address in the inventory",
      async () =>
        (await db.vm.findUnique({ where: { id: vm } }))?.nics.includes(address) ? true : undefined,
      60_000,
      500,
    );
    // virsh agrees: the agent knows the address, the network's DHCP server does not.
    expect(await virsh(uri, "domifaddr", agentGuest, "--source", "agent")).toContain(
      `${address}/24`,
    );
    expect(await virsh(uri, "domifaddr", agentGuest, "--source", "lease")).not.toContain(address);
    expect(await virsh(uri, "net-dhcp-leases", noDhcp)).not.toContain(address);
  }, 120_000);

  it("refuses to delete a network in use until confirmed", async () => {
    await expect(deleteNetwork({ hostId, name: priv }, false)).rejects.toThrow(
      new RegExp(`${priv} is used by .*${guests[0]}.*: confirm to delete it anyway`),
    );
    expect(await virsh(uri, "net-list", "--all", "--name")).toContain(priv);
    for (const g of guests) await virsh(uri, "destroy", g);
    await deleteNetwork({ hostId, name: priv }, true);
    expect(await virsh(uri, "net-list", "--all", "--name")).not.toContain(priv);
  });
});
