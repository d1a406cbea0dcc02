// Permission paths as operators write them, and which live messages a socket's caller receives.
import { describe, expect, it } from "vitest";
import { Access } from "@/lib/access/access";
import { Permissions, PermissionView } from "@/lib/access/evaluate";
import { mayReceive, visibleMessage } from "@/lib/access/live-filter";
import { displayPath, levelsOf, parsePath, storedKey } from "@/lib/access/paths";
import { BUILTIN_ROLES } from "@/lib/access/privileges";
import type { VmSummary } from "@/lib/inventory/summaries";
import type { ServerMessage } from "@/lib/live/messages";
import type { VmSample } from "@/lib/metrics/fields";

const UUID = "5f1d7a3e-8c2b-4d61-9e0a-7d1ab0c0ffee";

describe("permission paths", () => {
  it("reads every shape of the tree and refuses the rest", () => {
    expect(parsePath("/")).toEqual({ kind: "root" });
    expect(parsePath("/hosts/h1")).toEqual({ kind: "host", hostId: "h1" });
    expect(parsePath(`/hosts/h1/vms/${UUID.toUpperCase()}`)).toEqual({
      kind: "vm",
      uuid: UUID,
      hostId: "h1",
    });
    expect(parsePath(`/vms/${UUID}`)).toEqual({ kind: "vm", uuid: UUID, hostId: null });
    expect(parsePath("/hosts/h1/pools/default")).toEqual({
      kind: "pool",
      hostId: "h1",
      pool: "default",
    });
    expect(parsePath("/hosts/h1/networks/vd%20lab")).toEqual({
      kind: "network",
      hostId: "h1",
      network: "vd lab",
    });
    expect(parsePath("/groups/dev")).toEqual({ kind: "group", group: "dev" });
    for (const bad of [
      "",
      "hosts/h1",
      "/hosts/",
      "/hosts/h1/",
      "/vms/not-a-uuid",
      "/hosts/h1/disks/x",
      "/a/b/c/d/e",
      "/hosts//pools/x",
      "/hosts/%E0%A4%A",
    ])
      expect(parsePath(bad), bad).toBeNull();
  });

  it("keeps a VM's own grants by UUID, shown under the host it is on", () => {
    const p = parsePath(`/hosts/h1/vms/${UUID}`)!;
    expect(storedKey(p)).toBe(`/vms/${UUID}`);
    const onH2 = { kind: "vm" as const, hostId: "h2", uuid: UUID };
    expect(levelsOf(onH2)).toEqual(["/", "/hosts/h2", `/vms/${UUID}`]);
    expect(displayPath(onH2)).toBe(`/hosts/h2/vms/${UUID}`);
  });
});

const roles = Object.fromEntries(Object.entries(BUILTIN_ROLES).map(([n, r]) => [n, r.privileges]));
function accessWith(path: string, role: string, userId = "u1"): Access {
  const view = new PermissionView({
    own: [
      {
        id: "e",
        path,
        subjectType: "user",
        subjectId: userId,
        subjectName: "u",
        role,
        propagate: true,
      },
    ],
    viaGroups: [],
    roles,
    vmGroups: {},
  });
  const user = {
    sessionId: "s",
    tokenId: null,
    userId,
    username: "u",
    mustChangePassword: false,
    mustEnrolSecondFactor: false,
    expiresAt: new Date(),
  };
  return new Access(user, new Permissions(view), 1);
}

const vmMessage = (hostId: string) =>
  ({ type: "vm", vm: { id: "v", hostId, uuid: UUID } as VmSummary }) as const;

describe("live messages", () => {
  const op = accessWith("/hosts/h1", "Operator");
  it("reach a socket only for objects its caller sees", () => {
    expect(mayReceive(op, vmMessage("h1"))).toBe(true);
    expect(mayReceive(op, vmMessage("h2"))).toBe(false);
    expect(mayReceive(op, { type: "vm-removed", id: "v", hostId: "h2", uuid: UUID })).toBe(false);
    expect(mayReceive(op, { type: "network", hostId: "h1", name: "n", event: "started" })).toBe(
      true,
    );
    expect(mayReceive(op, { type: "storage", hostId: "h2", pool: "p", event: "started" })).toBe(
      false,
    );
    const host = (id: string) =>
      ({
        type: "host",
        host: {
          id,
          name: id,
          uri: "",
          status: "online",
          lastError: null,
          statusChangedAt: null,
          lastSeenAt: null,
          maintenance: false,
        },
      }) as const;
    expect(mayReceive(op, host("h1"))).toBe(true);
    expect(mayReceive(op, host("h2"))).toBe(false);
  });

  it("give a task to its starter and to whoever sees its object; the access and hello notices to everyone", () => {
    const task = (userId: string, hostId: string): ServerMessage => ({
      type: "task",
      lines: [],
      task: {
        id: "t",
        kind: "vm.clone",
        title: "Clone",
        object: { kind: "vm", hostId, uuid: "5f1d7a3e-8c2b-4d61-9e0a-7d1ab0c0ffee" },
        objectLabel: "web1",
        hostId,
        vmUuid: null,
        userId,
        username: userId,
        state: "running",
        phase: null,
        done: null,
        total: null,
        unit: null,
        cancellable: false,
        result: null,
        error: null,
        parentId: null,
        createdAt: "",
        startedAt: null,
        endedAt: null,
      },
    });
    expect(mayReceive(op, task("u1", "h2")), "their own task, on a host they cannot see").toBe(
      true,
    );
    expect(mayReceive(op, task("u2", "h1")), "another's task on what they see").toBe(true);
    expect(mayReceive(op, task("u2", "h2")), "another's task elsewhere").toBe(false);
    const nobody = accessWith("/hosts/h9", "NoAccess");
    expect(mayReceive(nobody, { type: "access" })).toBe(true);
    expect(mayReceive(nobody, { type: "hello", user: "u" })).toBe(true);
    expect(mayReceive(nobody, vmMessage("h1"))).toBe(false);
  });

  it("carry a host's metrics round with only the VMs the caller sees, the host's own usage only to those who see it", () => {
    const other = "6b7f1d2e-0000-4000-8000-000000000001";
    const sample = { cpu: 1 } as VmSample;
    const round: ServerMessage = {
      type: "metrics",
      hostId: "h1",
      at: 0,
      host: { cpu: 5, memUsed: 1, memTotal: 2, vmsRunning: 2 },
      pools: [{ name: "default", used: 1, capacity: 2 }],
      vms: [
        { uuid: UUID, id: "v1", name: "web1", sample },
        { uuid: other, id: "v2", name: "db1", sample },
      ],
    };
    const hostOp = accessWith("/hosts/h1", "Operator");
    expect(visibleMessage(hostOp, round)).toEqual(round);
    const oneVm = accessWith(`/vms/${UUID}`, "Operator");
    const { pools: _pools, ...withoutPools } = round;
    expect(visibleMessage(oneVm, round)).toEqual({
      ...withoutPools,
      host: null,
      vms: [{ uuid: UUID, id: "v1", name: "web1", sample }],
    });
    expect(visibleMessage(accessWith("/hosts/h9", "Operator"), round)).toBeNull();
  });
});
