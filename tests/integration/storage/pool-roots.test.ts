// Pools are made only under the allowed roots (/var/lib/libvirt/images and VIRTDECK_POOL_ROOTS)
// unless the caller holds Sys.Modify on /, against the lab's libvirtd with virsh as the oracle:
// a refusal names its field, is audited and makes nothing.
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session-store";

const allowedRoot = mkdtempSync(path.join("/var/tmp", "xmlgate-root-"));
const outsideDir = mkdtempSync(path.join("/var/tmp", "xmlgate-outside-"));
// Read once by lib/env, when the support module first imports it.
process.env.VIRTDECK_POOL_ROOTS = `/nonexistent/xmlgate-root:${allowedRoot}/`;
const support = await import("../networks/support");
const { closeDb, dataDir, lab, manager, startLabHost, suffix } = support;
const { virsh } = await import("../support/virsh");
const { auditCount, createDeputy, lastAudit, refusalOf } = await import("../support/deputy");
const { invoke } = await import("@/lib/access/invoke");
const { createPoolOp } = await import("@/lib/storage/operations");

const prefix = `xmlgate-${suffix()}`;
let hostId = "";
let deputy: SessionUser;

const poolNames = async () =>
  (await virsh(lab.LAB_URI, "pool-list", "--all", "--name")).split("\n").map((n) => n.trim());
const create = (caller: SessionUser, fields: Record<string, unknown>) =>
  invoke(createPoolOp, { user: caller }, { hostId, ...fields });

beforeAll(async () => {
  hostId = await startLabHost();
  deputy = await createDeputy(hostId, "xmlgate-pools");
});

afterAll(async () => {
  for (const name of await poolNames())
    if (name.startsWith(prefix)) {
      await virsh(lab.LAB_URI, "pool-destroy", name).catch(() => undefined);
      await virsh(lab.LAB_URI, "pool-undefine", name).catch(() => undefined);
    }
  for (const dir of [allowedRoot, `${allowedRoot}-sibling`, outsideDir])
    rmSync(dir, { recursive: true, force: true });
  await manager.stopAll();
  await closeDb();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("pools outside the allowed roots", () => {
  it("are refused without Sys.Modify on /, naming the field, audited, nothing made", async () => {
    const cases: [string, Record<string, unknown>, string][] = [
      ["a dir pool outside", { type: "dir", name: `${prefix}-a`, path: `${outsideDir}/a` }, "path"],
      [
        "a dir pool beside a root that shares its prefix",
        { type: "dir", name: `${prefix}-b`, path: `${allowedRoot}-sibling/b` },
        "path",
      ],
      [
        "an NFS pool mounted outside",
        {
          type: "netfs",
          name: `${prefix}-c`,
          server: "127.0.0.1",
          exportPath: "/export",
          path: `${outsideDir}/c`,
        },
        "path",
      ],
      [
        "an LVM pool (its target is /dev/VG)",
        { type: "logical", name: `${prefix}-d`, vgName: `${prefix}-d` },
        "vgName",
      ],
    ];
    for (const [what, fields, field] of cases) {
      const before = await poolNames();
      const refusedBefore = await auditCount("pool.create", "refused");
      const refusal = await refusalOf(create(deputy, fields));
      expect(refusal.status, what).toBe(400);
      expect(refusal.message, what).toMatch(
        new RegExp(
          `^${field}: .* is outside the allowed pool roots \\(/var/lib/libvirt/images, /nonexistent/xmlgate-root, ${allowedRoot}\\); .*needs Sys\\.Modify on /`,
        ),
      );
      expect(Object.keys(refusal.fields ?? {}), what).toEqual([field]);
      expect(await auditCount("pool.create", "refused"), what).toBe(refusedBefore + 1);
      expect((await lastAudit("pool.create")).target, what).toBe(`${fields.name} on lab1`);
      expect(await poolNames(), what).toEqual(before);
    }
    expect(existsSync(`${outsideDir}/a`)).toBe(false);
    expect(existsSync(`${allowedRoot}-sibling`)).toBe(false);
  });

  it("are made under an allowed root, however the path is written", async () => {
    await create(deputy, { type: "dir", name: `${prefix}-ok`, path: `${allowedRoot}//ok/` });
    expect(await virsh(lab.LAB_URI, "pool-info", `${prefix}-ok`)).toMatch(/State:\s+running/);
    expect(existsSync(`${allowedRoot}/ok`)).toBe(true);
  });

  it("are made anywhere by a caller holding Sys.Modify on /", async () => {
    await create(support.user, {
      type: "dir",
      name: `${prefix}-admin`,
      path: `${outsideDir}/admin`,
    });
    expect(await virsh(lab.LAB_URI, "pool-info", `${prefix}-admin`)).toMatch(/State:\s+running/);
  });
});
