/** Networks, storage pools and volumes, and network events, on a fresh test-driver state per test. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  type Connection,
  connect,
  isNotFound,
  type NetworkLifecycleEvent,
  ObjectListFlags,
  type StoragePoolLifecycleEvent,
} from "@/lib/libvirt";
import { labEnv } from "../support/lab-env";
import { virsh } from "../support/virsh";
import { collectUntil, testDriverUri } from "./helpers";

labEnv();
const URI = testDriverUri();
const NET_XML = `<network><name>fx-net2</name><bridge name="fxbr9"/>
  <ip address="192.168.151.1" netmask="255.255.255.0"/></network>`;
const POOL_XML = `<pool type="dir"><name>fx-pool2</name><target><path>/fx-pool2</path></target></pool>`;
const VOL_XML = `<volume><name>v1.img</name><capacity unit="MiB">8</capacity></volume>`;
let c: Connection;
beforeEach(async () => {
  c = await connect(URI);
});
afterEach(async () => {
  await c.close();
});

describe("networks on the test driver", () => {
  it("lists and reads networks as virsh does", async () => {
    const nets = await c.networks.list();
    expect(nets.map((n) => n.name)).toEqual([await virsh(URI, "net-list", "--all", "--name")]);
    const n = await c.networks.lookupByName("fx-net");
    expect(await c.networks.lookupByUuid(n.uuid)).toEqual(n);
    expect(await c.networks.xml(n)).toBe(`${await virsh(URI, "net-dumpxml", "fx-net")}\n`);
    expect(await c.networks.bridgeName(n)).toBe("fxbr0");
    expect(await c.networks.isActive(n)).toBe(true);
  });

  it("defines, starts, sets autostart, stops and undefines a network, with lifecycle events", async () => {
    let push: (e: NetworkLifecycleEvent) => void = () => {};
    const sub = await c.events.subscribe("network-lifecycle", (e) => push(e));
    const events = collectUntil<NetworkLifecycleEvent>(
      (p) => {
        push = p;
      },
      (all) => all.length === 4,
      10_000,
    );
    const n = await c.networks.define(NET_XML);
    expect((await c.networks.list(ObjectListFlags.INACTIVE)).map((x) => x.name)).toEqual([
      "fx-net2",
    ]);
    await c.networks.start(n);
    await c.networks.setAutostart(n, true);
    expect(await c.networks.getAutostart(n)).toBe(true);
    await c.networks.destroy(n);
    await c.networks.undefine(n);
    expect(await c.networks.lookupByName("fx-net2").catch(isNotFound)).toBe(true);
    expect((await events).map((e) => e.event)).toEqual([
      "defined",
      "started",
      "stopped",
      "undefined",
    ]);
    await sub.unsubscribe();
  });

  it("creates a transient network", async () => {
    const n = await c.networks.createTransient(NET_XML);
    expect(await c.networks.isActive(n)).toBe(true);
    await c.networks.destroy(n);
  });
});

describe("storage on the test driver", () => {
  it("lists pools and volumes as virsh does", async () => {
    const pools = await c.storage.listPools();
    expect(pools.map((p) => p.name)).toEqual([await virsh(URI, "pool-list", "--all", "--name")]);
    const pool = await c.storage.lookupPool("fx-pool");
    expect(await c.storage.lookupPoolByUuid(pool.uuid)).toEqual(pool);
    const info = await c.storage.poolInfo(pool);
    expect(info).toMatchObject({ state: "running", capacity: 100 * 2 ** 30 });
    const vols = await c.storage.listVolumes(pool);
    expect(vols.map((v) => v.name)).toEqual(["disk0.img"]);
    const vol = vols[0]!;
    expect(await c.storage.volumePath(vol)).toBe("/fx-pool/disk0.img");
    expect(await c.storage.volumeInfo(vol)).toMatchObject({ type: "file", capacity: 64 * 2 ** 20 });
    expect(await c.storage.volumeXml(vol)).toBe(
      `${await virsh(URI, "vol-dumpxml", "--pool", "fx-pool", "disk0.img")}\n`,
    );
    expect(await c.storage.lookupVolumeByPath("/fx-pool/disk0.img")).toEqual(vol);
    expect(await c.storage.poolXml(pool)).toContain("<name>fx-pool</name>");
  });

  it("defines, builds, starts, refreshes, stops, deletes and undefines a pool, with lifecycle events", async () => {
    let push: (e: StoragePoolLifecycleEvent) => void = () => {};
    await c.events.subscribe("storage-pool-lifecycle", (e) => push(e));
    const events = collectUntil<StoragePoolLifecycleEvent>(
      (p) => {
        push = p;
      },
      (all) => all.some((e) => e.event === "undefined"),
      10_000,
    );
    const pool = await c.storage.definePool(POOL_XML);
    await c.storage.buildPool(pool);
    await c.storage.startPool(pool);
    expect(await c.storage.isPoolActive(pool)).toBe(true);
    await c.storage.setPoolAutostart(pool, true);
    expect(await c.storage.getPoolAutostart(pool)).toBe(true);
    await c.storage.refreshPool(pool);
    await c.storage.destroyPool(pool);
    await c.storage.deletePool(pool);
    await c.storage.undefinePool(pool);
    expect(await c.storage.lookupPool("fx-pool2").catch(isNotFound)).toBe(true);
    const seen = await events;
    expect(seen.every((e) => e.pool.name === "fx-pool2")).toBe(true);
    // The daemon's own order; "created"/"deleted" stand for build and delete.
    expect(seen.map((e) => e.event)).toEqual(
      expect.arrayContaining(["defined", "started", "stopped", "undefined"]),
    );
    expect(seen[0]?.event).toBe("defined");
    expect(seen.at(-1)?.event).toBe("undefined");
  });

  it("creates, clones and deletes volumes", async () => {
    const pool = await c.storage.lookupPool("fx-pool");
    const v1 = await c.storage.createVolume(pool, VOL_XML);
    expect((await c.storage.volumeInfo(v1)).capacity).toBe(8 * 2 ** 20);
    const v2 = await c.storage.cloneVolume(pool, VOL_XML.replace("v1.img", "v2.img"), v1);
    expect(v2.name).toBe("v2.img");
    await c.storage.deleteVolume(v2);
    await c.storage.deleteVolume(v1);
    expect((await c.storage.listVolumes(pool)).map((v) => v.name)).toEqual(["disk0.img"]);
  });
});
