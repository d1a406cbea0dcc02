// Maintenance mode, evacuation and multi-VM migration on the lab's two real hosts: three tiny
// guests, each with a qcow2 data disk, run on host 2; evacuating it live-migrates all three to
// host 1 (the only other host: the one with the most free memory) as one parent task with a
// child task per VM, two at a time, their disks copied into a pool of the same name there. A host
// in maintenance takes no VM: migrating the three back while host 2 is in maintenance moves
// nothing and says why per VM; out of maintenance they go back. Host 2 is the one evacuated
// because host 1 runs the lab's standing guest, which the e2e suite needs where it is. virsh on
// both hosts is the oracle.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshGuestName, removeTinyGuest } from "../lab/tiny-guest";
import { freshStore } from "../support/fresh-store";
import { labEnv } from "../support/lab-env";
import { defineXml, guestXml, virsh, waitFor } from "../support/virsh";
import { createLabPool, type LabPool } from "../vms/lab-pool";
import { startMigrationHosts } from "./support/lab-hosts";
import { domainNames, taskEnded, volNames } from "./support/lab-pools";

const lab = labEnv();
const store = await freshStore("evacuate");
const { db } = store;
const { invoke } = await import("@/lib/access/invoke");
const { evacuateHostOp, migrateManyOp, migrationCheckOp } = await import(
  "@/lib/migration/operations"
);
const { hostMaintenanceOp } = await import("@/lib/hosts/operations");
const { getTaskOp, listTasksOp } = await import("@/lib/tasks/operations");

const H1 = lab.LAB_URI;
const H2 = lab.LAB_HOST2_URI;
const tag = randomBytes(3).toString("hex");
const names = [1, 2, 3].map(() => freshGuestName("vd-it-evac"));
// The same pool name on both hosts (an evacuation names the target pool once for every VM).
const poolName = `vd-evac-${tag}`;
let pool1: LabPool;
let pool2: LabPool;

let lab2: Awaited<ReturnType<typeof startMigrationHosts>>;
let admin: typeof lab2.admin;
let host1: string;
let host2: string;

const listed = domainNames;
const endOf = (id: string) =>
  taskEnded(async () => (await invoke(getTaskOp, { user: admin }, { id })).task, id);

const children = async (parent: string) =>
  (await invoke(listTasksOp, { user: admin }, { parent })).tasks;

beforeAll(async () => {
  store.migrate();
  // An evacuation moves every running VM of the host: host 2 must run none but these.
  const foreign = await virsh(H2, "list", "--name");
  if (foreign.trim())
    throw new Error(`host 2 already runs ${foreign.trim()}: an evacuation would move it too`);
  pool1 = await createLabPool(H1, "vd-evac", { name: poolName });
  pool2 = await createLabPool(H2, "vd-evac", { name: poolName });
  for (const name of names) {
    const disk = `${name}-data.qcow2`;
    await virsh(H2, "vol-create-as", poolName, disk, "8M", "--format", "qcow2");
    const xml = (await guestXml(lab, name)).replace(
      "</devices>",
      `<disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='${pool2.dir}/${disk}'/><target dev='vdb' bus='virtio'/></disk></devices>`,
    );
    await defineXml(H2, xml);
    await virsh(H2, "start", name);
  }
  lab2 = await startMigrationHosts(db, lab);
  ({ admin, host1, host2 } = lab2);
  await waitFor(
    "the three guests synced",
    async () =>
      (await db.vm.count({ where: { name: { in: names }, state: "running" } })) === 3
        ? true
        : undefined,
    30_000,
  );
}, 180_000);

afterAll(async () => {
  for (const name of names) await removeTinyGuest(lab, name);
  await pool1?.remove();
  await pool2?.remove();
  await lab2?.manager.stopAll();
  await store.dispose();
});

const rows = () => db.vm.findMany({ where: { name: { in: names } } });

describe("maintenance, evacuation, several VMs at once", () => {
  it("a host in maintenance takes no migrations: the check says so, and an evacuation with nowhere to go is refused", async () => {
    await invoke(hostMaintenanceOp, { user: admin }, { id: host1, maintenance: true });
    expect((await db.host.findUniqueOrThrow({ where: { id: host1 } })).maintenance).toBe(true);
    const [vm] = await rows();
    const check = await invoke(
      migrationCheckOp,
      { user: admin },
      { id: vm!.id, target: host1, storage: "copy", pool: poolName },
    );
    expect(check.ok).toBe(false);
    expect(check.checks[0]).toMatchObject({ name: "Target host", ok: false });
    expect(check.checks[0]?.detail).toContain("in maintenance");
    await expect(
      invoke(evacuateHostOp, { user: admin }, { id: host2, storage: "copy", pool: poolName }),
    ).rejects.toThrow(/No other host can take the VMs/);
    // Refused before anything: host 2 was not put in maintenance, nothing moved.
    expect((await db.host.findUniqueOrThrow({ where: { id: host2 } })).maintenance).toBe(false);
    expect(await listed(H1)).not.toContain(names[0]);
    await invoke(hostMaintenanceOp, { user: admin }, { id: host1, maintenance: false });
  });

  it("evacuating host 2 moves its three running guests to host 1, two at a time, as a parent task with a child per VM", async () => {
    const before = await rows();
    const started = await invoke(
      evacuateHostOp,
      { user: admin },
      { id: host2, storage: "copy", pool: poolName, concurrency: 2 },
    );
    expect(started.kind).toBe("host.evacuate");
    const task = await endOf(started.id);
    expect(task.state, task.error ?? "").toBe("succeeded");
    expect(task).toMatchObject({ done: 3, total: 3, unit: "vms" });
    expect((await db.host.findUniqueOrThrow({ where: { id: host2 } })).maintenance).toBe(true);
    // virsh: all three run on host 1 with their disks in host 1's pool; none is left on host 2.
    for (const name of names) {
      expect(await virsh(H1, "domstate", name)).toBe("running");
      expect(await virsh(H1, "domblklist", name)).toContain(`${pool1.dir}/${name}-data.qcow2`);
    }
    const onHost2 = await listed(H2);
    expect(names.filter((n) => onHost2.includes(n))).toEqual([]);
    expect(await volNames(H2, poolName)).toEqual([]);
    // One child per VM, each a succeeded migration under the parent.
    const kids = await children(started.id);
    expect(kids.map((k) => k.state)).toEqual(["succeeded", "succeeded", "succeeded"]);
    expect(kids.every((k) => k.kind === "vm.migrate" && k.parentId === started.id)).toBe(true);
    expect(new Set(kids.map((k) => k.vmUuid))).toEqual(new Set(before.map((r) => r.uuid)));
    // Two at a time: the second child started before the first ended.
    const spans = kids
      .map((k) => ({ from: Date.parse(k.startedAt!), to: Date.parse(k.endedAt!) }))
      .sort((a, b) => a.from - b.from);
    expect(spans[1]!.from).toBeLessThan(spans[0]!.to);
    // The same rows (ids), each now on host 1; one audit row per VM.
    await waitFor(
      "the rows settled on host 1",
      async () => {
        const now = await rows();
        return now.length === 3 && now.every((r) => r.hostId === host1) ? true : undefined;
      },
      10_000,
    );
    expect((await rows()).map((r) => r.id).sort()).toEqual(before.map((r) => r.id).sort());
    const audited = await db.auditEvent.findMany({
      where: { action: "vm.migrate", detail: { contains: started.id } },
    });
    expect(audited).toHaveLength(3);
  }, 300_000);

  it("migrating the three back while host 2 is in maintenance moves nothing and names each VM's reason", async () => {
    const ids = (await rows()).map((r) => r.id);
    const started = await invoke(
      migrateManyOp,
      { user: admin },
      { ids, target: host2, storage: "copy", pool: poolName },
    );
    expect(started.kind).toBe("vm.migrate-many");
    const task = await endOf(started.id);
    expect(task.state).toBe("failed");
    expect(task.error).toContain("3 of 3 not migrated");
    expect(task.error).toContain("in maintenance");
    for (const name of names) expect(await virsh(H1, "domstate", name)).toBe("running");
    expect(await children(started.id)).toEqual([]);
  }, 120_000);

  it("out of maintenance, the three migrate back to host 2 together", async () => {
    await invoke(hostMaintenanceOp, { user: admin }, { id: host2, maintenance: false });
    const ids = (await rows()).map((r) => r.id);
    const started = await invoke(
      migrateManyOp,
      { user: admin },
      { ids, target: host2, storage: "copy", pool: poolName, concurrency: 3 },
    );
    const task = await endOf(started.id);
    expect(task.state, task.error ?? "").toBe("succeeded");
    for (const name of names) expect(await virsh(H2, "domstate", name)).toBe("running");
    const onHost1 = await listed(H1);
    expect(names.filter((n) => onHost1.includes(n))).toEqual([]);
    expect(await children(started.id)).toHaveLength(3);
  }, 300_000);
});
