// Migrating a shut-off VM with its disks copied: libvirt moves no disks offline, so Virtdeck
// copies each volume through the source's download and the target's upload stream, then moves
// the definition. The lab's two hosts, a qcow2 disk with a written pattern and a raw disk of
// random bytes; sha256 of the files, qemu-img and virsh on both hosts are the oracles. Host 1 →
// host 2 goes peer to peer, host 2 → host 1 through Virtdeck's two connections. A cancel midway
// and a VM started during the copy both leave the VM where it was and no copy on the target.
import { createHash, randomBytes } from "node:crypto";
import { createReadStream, writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshGuestName, removeTinyGuest } from "../lab/tiny-guest";
import { freshStore } from "../support/fresh-store";
import { labEnv } from "../support/lab-env";
import { defineXml, guestXml, run, virsh, waitFor } from "../support/virsh";
import { createLabPool, type LabPool } from "../vms/lab-pool";
import { startMigrationHosts } from "./support/lab-hosts";
import { domainNames, taskEnded, volNames } from "./support/lab-pools";

const lab = labEnv();
const store = await freshStore("offline-migration");
const { db } = store;
const { invoke } = await import("@/lib/access/invoke");
const { migrateVmOp, migrationCheckOp } = await import("@/lib/migration/operations");
const { cancelTaskOp, getTaskOp } = await import("@/lib/tasks/operations");

const H1 = lab.LAB_URI;
const H2 = lab.LAB_HOST2_URI;
let pool1: LabPool;
let pool2: LabPool;
/** Two disks to copy and check byte for byte. */
const small = freshGuestName("vd-it-off");
const qcow = `${small}-a.qcow2`;
const raw = `${small}-b.raw`;
/** One big sparse disk, so a copy lasts long enough to cancel it or start the VM meanwhile. */
const big = freshGuestName("vd-it-offbig");
const bigDisk = `${big}.raw`;

let lab2: Awaited<ReturnType<typeof startMigrationHosts>>;
let admin: typeof lab2.admin;
let host1: string;
let host2: string;
const sums = new Map<string, string>();

function sha256(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash("sha256");
    createReadStream(file)
      .on("data", (c) => hash.update(c))
      .on("end", () => resolve(hash.digest("hex")))
      .on("error", reject);
  });
}

const withDisks = (xml: string, disks: { file: string; type: string; dev: string }[]) =>
  xml.replace(
    "</devices>",
    `${disks
      .map(
        (d) =>
          `<disk type='file' device='disk'><driver name='qemu' type='${d.type}'/><source file='${d.file}'/><target dev='${d.dev}' bus='virtio'/></disk>`,
      )
      .join("")}</devices>`,
  );

const endOf = (id: string) =>
  taskEnded(async () => (await invoke(getTaskOp, { user: admin }, { id })).task, id);

/** Waits until the task's copy has moved some bytes. */
const copyUnderWay = (id: string) =>
  waitFor(
    "the copy under way",
    async () => {
      const { task } = await invoke(getTaskOp, { user: admin }, { id });
      return (task.done ?? 0) > 0 ? true : undefined;
    },
    60_000,
    50,
  );

const rowsOf = (name: string) => db.vm.findMany({ where: { name } });

async function rowOn(name: string, hostId: string) {
  await waitFor(
    `${name}'s one row on ${hostId}`,
    async () => {
      const rows = await rowsOf(name);
      return rows.length === 1 && rows[0]!.hostId === hostId ? true : undefined;
    },
    10_000,
  );
}

beforeAll(async () => {
  store.migrate();
  pool1 = await createLabPool(H1, "vd-off1");
  pool2 = await createLabPool(H2, "vd-off2");
  await virsh(H1, "vol-create-as", pool1.name, qcow, "16M", "--format", "qcow2");
  await run("qemu-io", ["-f", "qcow2", "-c", "write -P 0x5a 1M 3M", `${pool1.dir}/${qcow}`]);
  await virsh(H1, "vol-create-as", pool1.name, raw, "8M", "--format", "raw");
  const bytes = `${pool1.dir}/${raw}.src`;
  writeFileSync(bytes, randomBytes(8 << 20));
  await virsh(H1, "vol-upload", "--pool", pool1.name, raw, bytes);
  await run("rm", ["-f", bytes]);
  await virsh(H1, "vol-create-as", pool1.name, bigDisk, "1G", "--format", "raw");
  await defineXml(
    H1,
    withDisks(await guestXml(lab, small), [
      { file: `${pool1.dir}/${qcow}`, type: "qcow2", dev: "vdb" },
      { file: `${pool1.dir}/${raw}`, type: "raw", dev: "vdc" },
    ]),
  );
  await defineXml(
    H1,
    withDisks(await guestXml(lab, big), [
      { file: `${pool1.dir}/${bigDisk}`, type: "raw", dev: "vdb" },
    ]),
  );
  for (const f of [qcow, raw]) sums.set(f, await sha256(`${pool1.dir}/${f}`));
  lab2 = await startMigrationHosts(db, lab);
  ({ admin, host1, host2 } = lab2);
  await waitFor(
    "the two VMs synced",
    async () =>
      (await db.vm.count({ where: { name: { in: [small, big] } } })) === 2 ? true : undefined,
    30_000,
  );
}, 120_000);

afterAll(async () => {
  await removeTinyGuest(lab, small);
  await removeTinyGuest(lab, big);
  await pool1?.remove();
  await pool2?.remove();
  await lab2?.manager.stopAll();
  await store.dispose();
});

describe("offline migration with the disks copied", () => {
  it("host 1 → host 2 (peer to peer): the files arrive byte for byte, the definition moves, one row", async () => {
    const [before] = await rowsOf(small);
    const input = { id: before!.id, target: host2, storage: "copy", pool: pool2.name };
    const check = await invoke(migrationCheckOp, { user: admin }, input);
    expect(check.ok, JSON.stringify(check.checks)).toBe(true);
    expect(check.checks.find((c) => c.name === "Storage")?.detail).toContain(pool2.name);
    const started = await invoke(migrateVmOp, { user: admin }, input);
    const task = await endOf(started.id);
    expect(task.state, task.error ?? "").toBe("succeeded");
    const lines = task.log.map((l) => l.line).join("\n");
    expect(lines).toMatch(/Copied vdb: .* to .* on lab2/);
    expect(lines).toMatch(/Copied vdc: 8 MiB/);
    expect(task.unit).toBe("bytes");
    expect(task.done).toBe(task.total);

    expect(await domainNames(H1)).not.toContain(small);
    expect(await virsh(H2, "domstate", small)).toBe("shut off");
    expect(await virsh(H2, "dominfo", small)).toMatch(/^Persistent:\s+yes$/m);
    const blk = await virsh(H2, "domblklist", small);
    expect(blk).toContain(`${pool2.dir}/${qcow}`);
    expect(blk).toContain(`${pool2.dir}/${raw}`);
    for (const f of [qcow, raw]) expect(await sha256(`${pool2.dir}/${f}`)).toBe(sums.get(f));
    const info = JSON.parse(
      (await run("qemu-img", ["info", "--output=json", `${pool2.dir}/${qcow}`])).stdout,
    );
    expect(info).toMatchObject({ format: "qcow2", "virtual-size": 16 << 20 });
    expect(await volNames(H1, pool1.name)).not.toContain(qcow);
    expect(await volNames(H1, pool1.name)).not.toContain(raw);
    expect((await volNames(H2, pool2.name)).sort()).toEqual([qcow, raw].sort());
    await rowOn(small, host2);
    expect((await rowsOf(small))[0]!.id).toBe(before!.id);
  }, 120_000);

  it("host 2 → host 1 (through Virtdeck's connections): back again, still byte for byte", async () => {
    const [vm] = await rowsOf(small);
    const started = await invoke(
      migrateVmOp,
      { user: admin },
      { id: vm!.id, target: host1, storage: "copy", pool: pool1.name },
    );
    const task = await endOf(started.id);
    expect(task.state, task.error ?? "").toBe("succeeded");
    expect(task.log.map((l) => l.line).join("\n")).toMatch(/driven by Virtdeck/);
    expect(await domainNames(H2)).not.toContain(small);
    expect(await virsh(H1, "domstate", small)).toBe("shut off");
    for (const f of [qcow, raw]) expect(await sha256(`${pool1.dir}/${f}`)).toBe(sums.get(f));
    expect(await volNames(H2, pool2.name)).toEqual([]);
    await rowOn(small, host1);
  }, 120_000);

  it("a cancel midway stops the copy, deletes the partial volume and leaves the VM on host 1", async () => {
    const [vm] = await rowsOf(big);
    const input = { id: vm!.id, target: host2, storage: "copy", pool: pool2.name };
    const started = await invoke(migrateVmOp, { user: admin }, input);
    await copyUnderWay(started.id);
    await invoke(cancelTaskOp, { user: admin }, { id: started.id });
    const task = await endOf(started.id);
    expect(task.state).toBe("cancelled");
    expect(task.done ?? 0).toBeLessThan(task.total ?? 0);
    expect(await domainNames(H2)).not.toContain(big);
    expect(await virsh(H1, "domstate", big)).toBe("shut off");
    expect(await volNames(H2, pool2.name)).toEqual([]);
    expect(await volNames(H1, pool1.name)).toContain(bigDisk);
    expect((await rowsOf(big)).map((r) => r.hostId)).toEqual([host1]);
  }, 120_000);

  it("a VM started during the copy stays where it is, running, and its copy is deleted", async () => {
    const [vm] = await rowsOf(big);
    const input = { id: vm!.id, target: host2, storage: "copy", pool: pool2.name };
    const started = await invoke(migrateVmOp, { user: admin }, input);
    await copyUnderWay(started.id);
    await virsh(H1, "start", big);
    const task = await endOf(started.id);
    expect(task.state).toBe("failed");
    expect(task.error).toMatch(/was started on lab1 during the copy; it stays there/);
    expect(await virsh(H1, "domstate", big)).toBe("running");
    expect(await domainNames(H2)).not.toContain(big);
    expect(await volNames(H2, pool2.name)).toEqual([]);
    await rowOn(big, host1);
  }, 180_000);

  it("a shut-off VM whose disk is an overlay is refused in words (its backing file would be missing)", async () => {
    const base = `${small}-base.qcow2`;
    const top = `${small}-top.qcow2`;
    await virsh(H1, "vol-create-as", pool1.name, base, "8M", "--format", "qcow2");
    await virsh(
      H1,
      ...["vol-create-as", pool1.name, top, "8M", "--format", "qcow2"],
      ...["--backing-vol", `${pool1.dir}/${base}`, "--backing-vol-format", "qcow2"],
    );
    const [vm] = await rowsOf(small);
    await virsh(
      H1,
      "attach-disk",
      small,
      `${pool1.dir}/${top}`,
      "vdd",
      "--subdriver",
      "qcow2",
      "--config",
    );
    const check = await invoke(
      migrationCheckOp,
      { user: admin },
      { id: vm!.id, target: host2, storage: "copy", pool: pool2.name },
    );
    expect(check.ok).toBe(false);
    expect(check.checks.find((c) => c.name === "Storage")?.detail).toBe(
      `vdd is an overlay on ${pool1.dir}/${base}: a shut-off VM's copy would lose what it reads through to. Start the VM and migrate it live (QEMU copies the whole chain), or use shared storage`,
    );
    expect(await volNames(H2, pool2.name)).toEqual([]);
  });
});
