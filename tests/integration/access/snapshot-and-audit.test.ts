// The permission snapshot and the audit trail against a real SQLite file: a grant on a VM group
// reaching the VMs put in it, grants leaving with their object (and the access version moving only
// when something left), and reading the audit log back: filters, cursor pages, CSV.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshStore } from "../support/fresh-store";

const store = await freshStore("snapshot");
const { db } = store;

const { createActor, createAdmin } = await import("../support/actors");
const { accessFor } = await import("@/lib/access/access");
const { aclSnapshot } = await import("@/lib/access/acl-snapshot");
const { grant } = await import("@/lib/access/acl");
const { createVmGroup, addVmToGroup } = await import("@/lib/access/vm-groups");
const { forgetVmAccess, forgetPoolAccess } = await import("@/lib/access/forget-object");
const { invoke } = await import("@/lib/access/invoke");
const { revokeOp } = await import("@/lib/access/operations");
const { recordAudit } = await import("@/lib/audit/record");
const { listAudit, auditCsvStream } = await import("@/lib/audit/query");
const { auditQuerySchema } = await import("@/lib/schemas/access");

beforeAll(() => {
  store.migrate();
});

afterAll(async () => {
  await store.dispose();
});

const version = async () => (await aclSnapshot()).version;

describe("the permission snapshot", () => {
  it("a grant on a VM group reaches a VM once it is put in the group, and leaves with it", async () => {
    await createVmGroup({ name: "web", description: "" });
    const ann = await createActor("ann", [{ path: "/groups/web", role: "VMUser" }]);
    const vm = { hostId: "h1", uuid: randomUUID() };
    expect((await accessFor(ann)).seesVm(vm)).toBe(false);

    await addVmToGroup("web", vm.uuid.toUpperCase());
    const inGroup = await accessFor(ann);
    expect(inGroup.seesVm(vm)).toBe(true);
    expect(inGroup.can("VM.PowerMgmt", { kind: "vm", ...vm })).toBe(true);
    expect(inGroup.can("VM.Config.Memory", { kind: "vm", ...vm })).toBe(false);

    await forgetVmAccess(vm.uuid);
    expect((await accessFor(ann)).seesVm(vm)).toBe(false);
  });

  it("forgetting an object takes its grants; one with none leaves the access version alone", async () => {
    const bob = await createActor("bob", [{ path: "/hosts/h1/pools/images", role: "Auditor" }]);
    const pool = { kind: "pool", hostId: "h1", pool: "images" } as const;
    expect((await accessFor(bob)).can("Datastore.Audit", pool)).toBe(true);

    const before = await version();
    await forgetVmAccess(randomUUID());
    await forgetPoolAccess("h1", "scratch");
    expect(await version()).toBe(before);

    await forgetPoolAccess("h1", "images");
    expect(await version()).toBe(before + 1);
    expect((await accessFor(bob)).can("Datastore.Audit", pool)).toBe(false);
    expect(await db.aclEntry.count({ where: { path: "/hosts/h1/pools/images" } })).toBe(0);
  });

  it("revoking a grant audits it in words: role, subject and path", async () => {
    const admin = await createAdmin("root-admin");
    const carol = await createActor("carol");
    const host = await db.host.create({ data: { name: "kvm1", uri: "qemu:///system" } });
    const { id } = await grant({
      path: `/hosts/${host.id}`,
      subjectType: "user",
      subjectId: carol.userId,
      role: "Auditor",
      propagate: true,
    });
    await invoke(revokeOp, { user: admin }, { id });
    const row = await db.auditEvent.findFirstOrThrow({
      where: { action: "acl.revoke" },
      orderBy: { at: "desc" },
    });
    expect(row.outcome).toBe("ok");
    expect(row.detail).toBe(`Auditor of user carol on /hosts/${host.id}`);
    expect(await db.aclEntry.findUnique({ where: { id } })).toBeNull();
  });
});

describe("reading the audit log", () => {
  const who = (username: string) => ({ userId: `id-${username}`, username });
  const q = (input: Record<string, unknown>) => auditQuerySchema.parse(input);

  beforeAll(async () => {
    await db.auditEvent.deleteMany();
    const rows = [
      { user: who("dave"), action: "vm.start", target: "web1", objectPath: "/hosts/h1/vms/u1" },
      { user: who("dave"), action: "vm.stop", target: "web1", objectPath: "/hosts/h1/vms/u1" },
      { user: who("erin"), action: "vm.start", target: "db1", objectPath: "/hosts/h2/vms/u2" },
      {
        user: who("erin"),
        action: "network.delete",
        target: "lan",
        objectPath: "/hosts/h2/networks/lan",
      },
      { user: who("erin"), action: "user.create", target: '=HYPERLINK("x")', objectPath: null },
    ] as const;
    for (const [i, r] of rows.entries()) {
      await recordAudit({
        ...r,
        outcome: i === 1 ? "refused" : "ok",
        detail: i === 4 ? "-1+1" : undefined,
      });
      // One row a minute from midnight, so time filters and the order are the test's.
      const last = await db.auditEvent.findFirstOrThrow({ orderBy: { at: "desc" } });
      await db.auditEvent.update({
        where: { id: last.id },
        data: { at: new Date(`2026-11-30T00:0${i}:00Z`) },
      });
    }
  });

  it("filters by user, action prefix, outcome, object and time", async () => {
    const targets = async (input: Record<string, unknown>) =>
      (await listAudit(q(input))).rows.map((r) => `${r.action} ${r.target}`);
    expect(await targets({ user: "dave" })).toEqual(["vm.stop web1", "vm.start web1"]);
    expect(await targets({ action: "vm." })).toEqual([
      "vm.start db1",
      "vm.stop web1",
      "vm.start web1",
    ]);
    expect(await targets({ outcome: "refused" })).toEqual(["vm.stop web1"]);
    expect(await targets({ object: "/hosts/h2" })).toEqual(["network.delete lan", "vm.start db1"]);
    expect(await targets({ object: "db1" })).toEqual(["vm.start db1"]);
    expect(await targets({ from: "2026-11-30T00:01:00Z", to: "2026-11-30T00:03:00Z" })).toEqual([
      "network.delete lan",
      "vm.start db1",
      "vm.stop web1",
    ]);
  });

  it("pages newest first by cursor, every row once", async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await listAudit(q({ limit: 2, ...(cursor ? { cursor } : {}) }));
      seen.push(...page.rows.map((r) => r.at));
      cursor = page.next ?? undefined;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual([4, 3, 2, 1, 0].map((m) => `2026-11-30T00:0${m}:00.000Z`));
  });

  it("exports the filter's rows as CSV, quoted, with formulas defused; one export at a time", async () => {
    const stream = auditCsvStream(q({ user: "erin" }));
    expect(() => auditCsvStream(q({}))).toThrow(/already running/);
    const csv = await new Response(stream).text();
    const lines = csv.trimEnd().split("\r\n");
    expect(lines[0]).toBe("at,user,action,target,path,outcome,detail,address,user agent");
    expect(lines).toHaveLength(4);
    expect(lines[1]).toBe(
      `"2026-11-30T00:04:00.000Z","erin","user.create","'=HYPERLINK(""x"")","","ok","'-1+1","",""`,
    );
    expect(lines[3]).toContain('"vm.start","db1","/hosts/h2/vms/u2","ok","","",""');
    // The finished export gave its slot back; a cancelled one does too.
    await auditCsvStream(q({})).cancel();
    expect(await new Response(auditCsvStream(q({ user: "nobody" }))).text()).toBe(
      "at,user,action,target,path,outcome,detail,address,user agent\r\n",
    );
  });
});
