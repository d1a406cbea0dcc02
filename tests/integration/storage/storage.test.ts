// Pools and volumes through Virtdeck's service layer against the lab's libvirtd, with virsh as
// the oracle. Every pool is a directory pool under a fresh temp dir with a random name, removed
// afterwards; existing pools are never touched.
import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  access,
  closeDb,
  dataDir,
  db,
  manager,
  startLabHost,
  suffix,
  uri,
} from "../networks/support";
import { virsh } from "../support/virsh";

const { createPool, deletePool, changePoolState } = await import("@/lib/storage/pool-actions");
const { createVolume } = await import("@/lib/storage/create-volume");
const { planVolumeCopy, deleteVolume, planResize } = await import("@/lib/storage/volume-actions");
const { uploadVolume } = await import("@/lib/storage/upload-volume");
const { downloadVolume } = await import("@/lib/storage/download-volume");
const { withCopyProgress } = await import("@/lib/storage/copy-progress");
const { getPoolDetail, hostPoolTypes, listHostPools, listHostVolumes } = await import(
  "@/lib/storage/read-storage"
);
const { createVolumeSchema } = await import("@/lib/schemas/storage");

const poolName = `vd-it-pool-${suffix()}`;
const dir = mkdtempSync(path.join("/var/tmp", "virtdeck-pool-"));
let hostId = "";

async function volNames(): Promise<string[]> {
  const out = await virsh(uri, "vol-list", poolName);
  return out
    .split("\n")
    .map((l) => l.trim().split(/\s+/)[0]!)
    .filter(Boolean)
    .sort();
}

function webStream(data: Buffer, chunk = 256 * 1024): ReadableStream<Uint8Array> {
  let off = 0;
  return new ReadableStream({
    pull(controller) {
      if (off >= data.length) return controller.close();
      controller.enqueue(data.subarray(off, off + chunk));
      off += chunk;
    },
  });
}

beforeAll(async () => {
  hostId = await startLabHost();
  await createPool({
    hostId,
    type: "dir",
    name: poolName,
    path: dir,
    build: true,
    start: true,
    autostart: false,
  });
});

afterAll(async () => {
  await virsh(uri, "pool-destroy", poolName).catch(() => undefined);
  await virsh(uri, "pool-undefine", poolName).catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
  await manager.stopAll();
  await closeDb();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("storage against the lab", () => {
  it("creates a running directory pool that virsh lists", async () => {
    expect(await virsh(uri, "pool-info", poolName)).toMatch(/State:\s+running/);
    const pools = await listHostPools(hostId, access);
    const p = pools.find((x) => x.name === poolName);
    expect(p).toMatchObject({ type: "dir", path: dir, active: true, autostart: false });
    expect(p!.capacity).toBeGreaterThan(0);
    await changePoolState({ hostId, pool: poolName, action: "autostart", on: true });
    expect(await virsh(uri, "pool-info", poolName)).toMatch(/Autostart:\s+yes/);
  });

  it("offers the pool types the host's storage driver supports, as virsh pool-capabilities", async () => {
    const caps = await virsh(uri, "pool-capabilities");
    const supported = [...caps.matchAll(/<pool type='(\w+)' supported='yes'/g)].map((m) => m[1]);
    const expected = ["dir", "logical", "netfs"].filter((t) => supported.includes(t));
    expect(expected).toContain("dir");
    expect(await hostPoolTypes(hostId)).toEqual(expected);
  });

  it("lists every pool with its volumes for the disk pickers", async () => {
    await createVolume({
      hostId,
      pool: poolName,
      name: "pick.qcow2",
      format: "qcow2",
      capacity: 1 << 20,
      backing: "",
    });
    const pools = await listHostVolumes(hostId, access);
    const names = (await virsh(uri, "pool-list", "--all", "--name"))
      .split("\n")
      .map((n) => n.trim())
      .filter(Boolean);
    expect(pools.map((p) => p.pool)).toEqual([...names].sort((a, b) => a.localeCompare(b)));
    const mine = pools.find((p) => p.pool === poolName);
    expect(mine?.active).toBe(true);
    expect(mine?.volumes.map((v) => v.name)).toEqual(await volNames());
    expect(mine?.volumes.find((v) => v.name === "pick.qcow2")).toMatchObject({
      path: path.join(dir, "pick.qcow2"),
      format: "qcow2",
      capacity: 1 << 20,
    });
    await deleteVolume({ hostId, pool: poolName, volume: "pick.qcow2" });
  });

  it("creates, resizes, clones and deletes volumes", async () => {
    const created = await createVolume({
      hostId,
      pool: poolName,
      name: "base.qcow2",
      format: "qcow2",
      capacity: 64 << 20,
      backing: "",
    });
    expect(created.path).toBe(path.join(dir, "base.qcow2"));
    expect(await virsh(uri, "vol-info", "--bytes", "--pool", poolName, "base.qcow2")).toMatch(
      /Capacity:\s+67108864 bytes/,
    );
    await createVolume({
      hostId,
      pool: poolName,
      name: "child.qcow2",
      format: "qcow2",
      capacity: 64 << 20,
      backing: "base.qcow2",
    });
    expect(await virsh(uri, "vol-dumpxml", "--pool", poolName, "child.qcow2")).toContain(
      `<path>${created.path}</path>`,
    );
    const ref = { hostId, pool: poolName, volume: "base.qcow2" };
    await (await planResize(ref, 128 << 20))();
    expect(await virsh(uri, "vol-info", "--bytes", "--pool", poolName, "base.qcow2")).toMatch(
      /Capacity:\s+134217728 bytes/,
    );
    // A smaller size is refused until confirmed, and nothing changes.
    await expect(planResize(ref, 64 << 20)).rejects.toThrow(/^Shrinking base\.qcow2 /);
    expect(await virsh(uri, "vol-info", "--bytes", "--pool", poolName, "base.qcow2")).toMatch(
      /Capacity:\s+134217728 bytes/,
    );
    await (await planVolumeCopy(ref, "copy.qcow2")).run(() => undefined);
    await deleteVolume({ ...ref, volume: "child.qcow2" });
    expect(await volNames()).toEqual(["base.qcow2", "copy.qcow2"]);
  });

  it("uploads through the stream and downloads the same bytes", async () => {
    const data = randomBytes(5 * 1024 * 1024 + 123);
    const up = await uploadVolume(
      { hostId, pool: poolName, name: "upload.img", format: "raw", size: data.length },
      webStream(data),
    );
    expect(up.bytes).toBe(data.length);
    expect(await virsh(uri, "vol-info", "--bytes", "--pool", poolName, "upload.img")).toMatch(
      new RegExp(`Capacity:\\s+${data.length} bytes`),
    );
    const { body } = await downloadVolume({ hostId, pool: poolName, volume: "upload.img" });
    const back = Buffer.from(await new Response(body).arrayBuffer());
    const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");
    expect(sha(back)).toBe(sha(data));
  });

  it("follows a copy's progress by the new volume's growing allocation", async () => {
    // A paced upload stands in for a slow copy: 4 MiB in 1 MiB steps, 700 ms apart.
    const step = 1024 * 1024;
    const total = 4 * step;
    let sent = 0;
    const paced = new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (sent >= total) return controller.close();
        if (sent > 0) await new Promise((r) => setTimeout(r, 700));
        controller.enqueue(randomBytes(step));
        sent += step;
      },
    });
    const conn = manager.connection(hostId, "lab");
    const pool = await conn.storage.lookupPool(poolName);
    const seen: { done: number; total: number }[] = [];
    await withCopyProgress(
      conn,
      pool,
      "growing.img",
      total,
      (p) => seen.push(p),
      () =>
        uploadVolume(
          { hostId, pool: poolName, name: "growing.img", format: "raw", size: total },
          paced,
        ),
    );
    expect(seen[0]).toEqual({ done: 0, total });
    expect(seen.at(-1)).toEqual({ done: total, total });
    const between = seen.filter((p) => p.done > 0 && p.done < total);
    expect(between.length).toBeGreaterThan(0); // read from the host while the volume grew
    const dones = seen.map((p) => p.done);
    expect(dones).toEqual([...dones].sort((a, b) => a - b));
    await deleteVolume({ hostId, pool: poolName, volume: "growing.img" });
  });

  it("clones a volume with progress up to the source's allocation", async () => {
    const data = randomBytes(32 * 1024 * 1024);
    await uploadVolume(
      { hostId, pool: poolName, name: "big.img", format: "raw", size: data.length },
      webStream(data),
    );
    const info = await virsh(uri, "vol-info", "--bytes", "--pool", poolName, "big.img");
    const allocation = Number(/Allocation:\s+(\d+) bytes/.exec(info)?.[1]);
    const seen: { done: number; total: number }[] = [];
    const copy = await planVolumeCopy(
      { hostId, pool: poolName, volume: "big.img" },
      "big-copy.img",
    );
    expect(copy.bytes).toBe(allocation);
    await copy.run((p) => seen.push(p));
    expect(seen[0]).toEqual({ done: 0, total: allocation });
    expect(seen.at(-1)).toEqual({ done: allocation, total: allocation });
    expect(await virsh(uri, "vol-info", "--bytes", "--pool", poolName, "big-copy.img")).toMatch(
      new RegExp(`Capacity:\\s+${data.length} bytes`),
    );
    for (const volume of ["big.img", "big-copy.img"])
      await deleteVolume({ hostId, pool: poolName, volume });
  });

  it("deletes the volume of an upload that ends early", async () => {
    const data = randomBytes(1024 * 1024);
    await expect(
      uploadVolume(
        { hostId, pool: poolName, name: "short.img", format: "raw", size: data.length * 2 },
        webStream(data),
      ),
    ).rejects.toThrow(/ended after/);
    expect(await volNames()).not.toContain("short.img");
  });

  it("deletes the volume of an upload the client aborts midway", async () => {
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 2 * 1024 * 1024)
          return controller.error(Object.assign(new Error("aborted"), { code: "ECONNRESET" }));
        sent += 256 * 1024;
        controller.enqueue(new Uint8Array(256 * 1024));
      },
    });
    await expect(
      uploadVolume(
        { hostId, pool: poolName, name: "aborted.img", format: "raw", size: 8 * 1024 * 1024 },
        body,
      ),
    ).rejects.toThrow(/cancelled; the partial volume was deleted/);
    expect(await volNames()).not.toContain("aborted.img");
  });

  it("refuses hostile names and sizes and creates nothing", async () => {
    const before = await volNames();
    for (const name of ["../evil", "a/b", ".hidden", "<x>", "a&b", 'q"x', ""]) {
      const r = createVolumeSchema.safeParse({ hostId, pool: poolName, name, capacity: "1G" });
      expect(r.success, name).toBe(false);
    }
    for (const capacity of ["-1G", "0", "12 parsecs", "1e9G", -5, "99999999999T"]) {
      const r = createVolumeSchema.safeParse({ hostId, pool: poolName, name: "ok", capacity });
      expect(r.success, String(capacity)).toBe(false);
    }
    await expect(
      createVolume({
        hostId,
        pool: poolName,
        name: "huge.raw",
        format: "raw",
        capacity: 2 ** 50,
        backing: "",
      }),
    ).rejects.toThrow(/more than the .* free/);
    expect(await volNames()).toEqual(before);
  });

  it("refuses to delete a volume or its pool while a VM uses it", async () => {
    const detail = await getPoolDetail(hostId, poolName, access);
    const base = detail.volumes.find((v) => v.name === "base.qcow2")!;
    const vm = await db.vm.create({
      data: {
        hostId,
        uuid: `00000000-0000-4000-8000-${randomBytes(6).toString("hex")}`,
        name: `vd-it-user-${suffix()}`,
        state: "shut off",
        vcpus: 1,
        memoryKiB: 65536,
        maxMemoryKiB: 65536,
        disks: JSON.stringify([
          { target: "vda", device: "disk", source: base.path, bus: "virtio", format: "qcow2" },
        ]),
      },
    });
    const ref = { hostId, pool: poolName, volume: "base.qcow2" };
    await expect(deleteVolume(ref)).rejects.toThrow(/in use by vd-it-user/);
    await expect(deletePool({ hostId, pool: poolName }, true)).rejects.toThrow(/in use/);
    expect(await volNames()).toContain("base.qcow2");
    expect(
      (await getPoolDetail(hostId, poolName, access)).volumes.find((v) => v.name === "base.qcow2")
        ?.usedBy,
    ).toHaveLength(1);
    await db.vm.delete({ where: { id: vm.id } });
  });

  it("deletes the pool and its directory", async () => {
    for (const v of await volNames()) await deleteVolume({ hostId, pool: poolName, volume: v });
    await deletePool({ hostId, pool: poolName }, true);
    expect(await virsh(uri, "pool-list", "--all", "--name")).not.toContain(poolName);
  });
});
