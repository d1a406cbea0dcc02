/**
 * Storage on the real daemon: a dir pool of our own in a temporary directory,
 * volume create/clone/resize/delete, and upload/download streams.
 */
import { randomBytes } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Connection, connect, type PoolRef } from "@/lib/libvirt";
import { labEnv } from "../support/lab-env";
import { virsh } from "../support/virsh";
import { uniqueName } from "./helpers";

const lab = labEnv();
const URI = lab.LAB_URI;
const poolName = uniqueName("vd-lv-pool");
let dir: string;
let c: Connection;
let pool: PoolRef;

const volXml = (name: string, bytes: number) =>
  `<volume><name>${name}</name><capacity unit="bytes">${bytes}</capacity><target><format type="raw"/></target></volume>`;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "vd-lv-pool-"));
  c = await connect(URI);
  pool = await c.storage.definePool(
    `<pool type="dir"><name>${poolName}</name><target><path>${dir}</path></target></pool>`,
  );
  await c.storage.buildPool(pool);
  await c.storage.startPool(pool);
});
afterAll(async () => {
  await virsh(URI, "pool-destroy", poolName).catch(() => undefined);
  await virsh(URI, "pool-undefine", poolName).catch(() => undefined);
  await c.close();
  await rm(dir, { recursive: true, force: true });
});

describe("volumes and transfers on a dir pool", () => {
  it("creates, resizes, clones and deletes volumes as virsh sees them", async () => {
    const v = await c.storage.createVolume(pool, volXml("a.img", 1 << 20));
    expect(await c.storage.volumePath(v)).toBe(path.join(dir, "a.img"));
    expect(await virsh(URI, "vol-list", poolName)).toContain("a.img");
    await c.storage.resizeVolume(v, 2 << 20);
    expect((await c.storage.volumeInfo(v)).capacity).toBe(2 << 20);
    expect(await virsh(URI, "vol-info", "--bytes", "--pool", poolName, "a.img")).toMatch(
      /Capacity:\s+2097152 bytes/,
    );
    const b = await c.storage.cloneVolume(pool, volXml("b.img", 2 << 20), v);
    expect((await c.storage.volumeInfo(b)).capacity).toBe(2 << 20);
    await c.storage.deleteVolume(b);
    await c.storage.deleteVolume(v);
    await c.storage.refreshPool(pool);
    expect(await c.storage.listVolumes(pool)).toEqual([]);
  });

  it("uploads 3 MiB into a volume and downloads the same bytes", async () => {
    const size = 3 << 20; // more than one 262,120-byte chunk, and not a multiple of it
    const data = randomBytes(size);
    const v = await c.storage.createVolume(pool, volXml("up.img", size));
    const up = await c.streams.upload(v, 0, size);
    await new Promise<void>((resolve, reject) => {
      up.on("error", reject);
      up.on("finish", resolve);
      up.end(data);
    });
    expect((await readFile(path.join(dir, "up.img"))).equals(data)).toBe(true);
    const down = await c.streams.download(v, 0, size);
    const chunks: Buffer[] = [];
    for await (const chunk of down) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).equals(data)).toBe(true);
    await c.storage.deleteVolume(v);
  });

  it("aborts a download midway and keeps the connection usable", async () => {
    const size = 4 << 20;
    const v = await c.storage.createVolume(pool, volXml("abort.img", size));
    const down = await c.streams.download(v, 0, size);
    await new Promise<void>((resolve) => down.once("data", () => resolve()));
    down.destroy();
    expect((await c.storage.volumeInfo(v)).capacity).toBe(size);
    await c.storage.deleteVolume(v);
  });
});
