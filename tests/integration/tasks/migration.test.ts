// Live migration through Virtdeck's own service, as a task, between the lab's two hosts: host 1
// → host 2 peer to peer (host 2 has a migration URI its daemon listens on), host 2 → host 1
// driven through Virtdeck's two connections (host 1's daemon has no listener host 2 could
// dial). The tiny guest gets a qcow2 data disk so "copy all disks" copies something. virsh on
// both hosts is the oracle; the inventory must keep one row that changes host.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LiveMessage } from "@/lib/live/messages";
import { freshGuestName, removeTinyGuest } from "../lab/tiny-guest";
import { freshStore } from "../support/fresh-store";
import { labEnv } from "../support/lab-env";
import { defineXml, guestXml, virsh, waitFor } from "../support/virsh";
import { createLabPool, type LabPool } from "../vms/lab-pool";
import { startMigrationHosts } from "./support/lab-hosts";
import { domainNames, taskEnded, volNames } from "./support/lab-pools";

const lab = labEnv();
const store = await freshStore("migration");
const { db } = store;
const { invoke } = await import("@/lib/access/invoke");
const { migrateVmOp, migrationCheckOp } = await import("@/lib/migration/operations");
const { cancelTaskOp, getTaskOp } = await import("@/lib/tasks/operations");
const { subscribe } = await import("@/lib/live/bus");

const H1 = lab.LAB_URI;
const H2 = lab.LAB_HOST2_URI;
const name = freshGuestName("vd-it-mig");
let pool1: LabPool;
let pool2: LabPool;
const disk = `${name}-data.qcow2`;

let lab2: Awaited<ReturnType<typeof startMigrationHosts>>;
let admin: typeof lab2.admin;
let host1: string;
let host2: string;
const messages: LiveMessage[] = [];

const listed = domainNames;
const endOf = (id: string) =>
  taskEnded(async () => (await invoke(getTaskOp, { user: admin }, { id })).task, id, 180_000);

beforeAll(async () => {
  store.migrate();
  pool1 = await createLabPool(H1, "vd-mig1");
  pool2 = await createLabPool(H2, "vd-mig2");
  await virsh(H1, "vol-create-as", pool1.name, disk, "16M", "--format", "qcow2");
  // A guest with a data disk in pool 1 (the tiny guest itself boots from kernel and initrd).
  const xml = (await guestXml(lab, name)).replace(
    "</devices>",
    `<disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='${pool1.dir}/${disk}'/><target dev='vdb' bus='virtio'/></disk></devices>`,
  );
  await defineXml(H1, xml);
  await virsh(H1, "start", name);
  lab2 = await startMigrationHosts(db, lab);
  ({ admin, host1, host2 } = lab2);
  subscribe((m) => messages.push(m));
}, 120_000);

afterAll(async () => {
  await removeTinyGuest(lab, name);
  await pool1?.remove();
  await pool2?.remove();
  await lab2?.manager.stopAll();
  await store.dispose();
});

const vmRow = () => db.vm.findMany({ where: { name } });

describe("migration as a task", () => {
  it("pre-flight: disks not on the target and a missing network are refused in words; nothing changes", async () => {
    const [vm] = await vmRow();
    const shared = await invoke(migrationCheckOp, { user: admin }, { id: vm!.id, target: host2 });
    expect(shared.ok).toBe(false);
    expect(shared.checks.find((c) => c.name === "Storage")?.detail).toContain(
      `vdb (${pool1.dir}/${disk})`,
    );
    const mapped = {
      id: vm!.id,
      target: host2,
      storage: "copy",
      pool: pool2.name,
      networks: { [lab.LAB_NETWORK]: "no-such-net" },
    };
    const check = await invoke(migrationCheckOp, { user: admin }, mapped);
    expect(check.checks.find((c) => c.name === "Networks")).toMatchObject({ ok: false });
    expect(check.checks.find((c) => c.name === "Networks")?.detail).toContain("no-such-net");
    await expect(invoke(migrateVmOp, { user: admin }, mapped)).rejects.toThrow(
      /Networks: .*no-such-net/,
    );
    expect(await listed(H2)).not.toContain(name);
    expect(await volNames(H2, pool2.name)).toEqual([]);
    const refusal = await db.auditEvent.findFirst({
      where: { action: "vm.migrate" },
      orderBy: { at: "desc" },
    });
    expect(refusal?.outcome).toBe("refused");
  });

  it("host 1 → host 2 live, disks copied, peer to peer: one row that changes host, progress on the bus", async () => {
    const [before] = await vmRow();
    const input = { id: before!.id, target: host2, storage: "copy", pool: pool2.name };
    expect((await invoke(migrationCheckOp, { user: admin }, input)).ok).toBe(true);
    const started = await invoke(migrateVmOp, { user: admin }, input);
    expect(started.state).toBe("running");
    const task = await endOf(started.id);
    expect(task.state, task.error ?? "").toBe("succeeded");
    expect(await virsh(H2, "domstate", name)).toBe("running");
    expect(await virsh(H2, "dominfo", name)).toMatch(/^Persistent:\s+yes$/m);
    expect(await listed(H1)).not.toContain(name);
    expect(await virsh(H2, "domblklist", name)).toContain(`${pool2.dir}/${disk}`);
    expect(await volNames(H1, pool1.name)).not.toContain(disk);
    // One row, the same id, now on host 2.
    await waitFor(
      "the row settled on host 2",
      async () => {
        const rows = await vmRow();
        return rows.length === 1 && rows[0]!.hostId === host2 && rows[0]!.state === "running"
          ? true
          : undefined;
      },
      10_000,
    );
    expect((await vmRow())[0]!.id).toBe(before!.id);
    const frames = messages.filter((m) => m.type === "task" && m.task.id === started.id);
    expect(
      frames.some((m) => m.type === "task" && (m.task.done ?? 0) > 0 && m.task.state === "running"),
    ).toBe(true);
    expect(task.log.map((l) => l.line).join("\n")).toMatch(/peer to peer/);
    // Nothing of the move was shown on host 1 meanwhile: no row went "gone" or was made there.
    const vmFrames = messages.filter((m) => m.type === "vm" && m.vm.uuid === before!.uuid);
    expect(
      vmFrames.every((m) => m.type === "vm" && m.vm.id === before!.id && m.vm.state !== "gone"),
    ).toBe(true);
  }, 240_000);

  it("host 2 → host 1 driven through Virtdeck's own connections", async () => {
    const [vm] = await vmRow();
    const started = await invoke(
      migrateVmOp,
      { user: admin },
      { id: vm!.id, target: host1, storage: "copy", pool: pool1.name },
    );
    const task = await endOf(started.id);
    expect(task.state, task.error ?? "").toBe("succeeded");
    expect(task.log.map((l) => l.line).join("\n")).toMatch(/driven by Virtdeck/);
    expect(await virsh(H1, "domstate", name)).toBe("running");
    expect(await listed(H2)).not.toContain(name);
    await waitFor(
      "the row back on host 1",
      async () => {
        const rows = await vmRow();
        return rows.length === 1 && rows[0]!.hostId === host1 ? true : undefined;
      },
      10_000,
    );
  }, 240_000);

  it("a migration slowed by a bandwidth limit and cancelled midway leaves the VM running on host 1", async () => {
    const [vm] = await vmRow();
    const input = { id: vm!.id, target: host2, storage: "copy", pool: pool2.name, bandwidthMib: 1 };
    const started = await invoke(migrateVmOp, { user: admin }, input);
    await waitFor(
      "the job under way",
      async () => {
        const { task } = await invoke(getTaskOp, { user: admin }, { id: started.id });
        return (task.done ?? 0) > 0 ? true : undefined;
      },
      60_000,
    );
    await invoke(cancelTaskOp, { user: admin }, { id: started.id });
    const task = await endOf(started.id);
    expect(task.state).toBe("cancelled");
    expect(await virsh(H1, "domstate", name)).toBe("running");
    expect(await listed(H2)).not.toContain(name);
    expect(await volNames(H2, pool2.name)).toEqual([]);
    const rows = await vmRow();
    expect(rows.map((r) => r.hostId)).toEqual([host1]);
  }, 240_000);
});
