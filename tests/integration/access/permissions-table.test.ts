// Every operation (what every server action and API route runs) × six callers, against the
// lab's two real hosts and a real SQLite file:
//
//   anon      no session or token
//   viewer    Auditor on /
//   stranger  Operator on host 2 only ("op without a grant" on host 1)
//   op        Operator on host 1
//   token     a privilege-separated token of op, itself granted VMUser on /
//   admin     Administrator on /
//
// The expected outcome of each pair is written here from the model (which privilege an
// operation needs, on which object, and what the built-in roles hold), not computed from the
// code under test. Every refused call is made for real: it must fail with the expected status,
// write a refused audit row (for audited operations), and change nothing on host 1 (virsh is
// the oracle, compared before and after). An admitted call is checked at the wrapper's gate
// (admits(): identity, input, permission) without running, since running every change as six
// callers would change the lab; reads are also run for real. A test fails when an operation
// has no row here.
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session-store";
import { closeDb, db, lab, manager, startLabHost, suffix, user } from "../networks/support";
import { createActor } from "../support/actors";
import { defineXml, guestXml, removeDomain, run, virsh, waitFor } from "../support/virsh";

const { invoke, admits } = await import("@/lib/access/invoke");
const { registeredOperations } = await import("@/lib/access/operation");
const { httpStatus, toAppError } = await import("@/lib/errors");
const { hostTarget } = await import("@/lib/hosts/start");
const { grant } = await import("@/lib/access/acl");
const { createApiToken } = await import("@/lib/auth/api-tokens");
const { createSession } = await import("@/lib/auth/session-store");
// Every module that defines operations, so that the registry holds them all.
await import("@/lib/vms/operations/allocate");
await import("@/lib/vms/operations/config");
await import("@/lib/vms/operations/inventory");
await import("@/lib/vms/operations/nics");
await import("@/lib/vms/operations/power");
await import("@/lib/vms/operations/snapshots");
await import("@/lib/hosts/operations");
await import("@/lib/networks/operations");
await import("@/lib/storage/operations");
await import("@/lib/consoles/operations");
await import("@/lib/access/operations");
await import("@/lib/auth/operations");
await import("@/lib/auth/second-factor-operations");
await import("@/lib/auth/oidc/operations");
await import("@/lib/audit/operations");
await import("@/lib/api/routes/docs");
await import("@/lib/health/operations");
await import("@/lib/tasks/operations");
await import("@/lib/migration/operations");

const SSO_CALLBACK = "http://127.0.0.1:3000/auth/oidc/callback";

type Outcome = "ok" | 401 | 403 | 404;
type Caller = "anon" | "viewer" | "stranger" | "op" | "token" | "admin";
const CALLERS: Caller[] = ["anon", "viewer", "stranger", "op", "token", "admin"];

// What the built-in roles hold, as the issue defines them.
const OPERATOR = new Set([
  "VM.Audit",
  "VM.PowerMgmt",
  "VM.Console",
  "VM.Config.CPU",
  "VM.Config.Memory",
  "VM.Config.Disk",
  "VM.Config.Network",
  "VM.Config.CDROM",
  "VM.Config.Options",
  "VM.Allocate",
  "VM.Snapshot",
  "VM.Migrate",
  "VM.Backup",
  "Host.Audit",
  "Datastore.Audit",
  "Datastore.AllocateSpace",
  "Network.Audit",
  "Network.Use",
]);
const VM_USER = new Set(["VM.Audit", "VM.PowerMgmt", "VM.Console", "VM.Config.CDROM"]);
const AUDIT = new Set(["Host.Audit", "VM.Audit", "Datastore.Audit", "Network.Audit", "Sys.Audit"]);
const SEE = {
  vm: "VM.Audit",
  host: "Host.Audit",
  pool: "Datastore.Audit",
  network: "Network.Audit",
};

type Row = Record<Caller, Outcome>;

/** A privilege on an object of host 1 (a VM, the host, a pool, a network). */
function onHost1(kind: keyof typeof SEE, privilege: string): Row {
  const see = SEE[kind];
  const held = (role: Set<string>): Outcome =>
    role.has(privilege) ? "ok" : role.has(see) ? 403 : 404;
  return {
    anon: 401,
    viewer: held(AUDIT),
    stranger: 404,
    op: held(OPERATOR),
    // The token holds VMUser within op's Operator on host 1: the intersection is VMUser.
    token: held(VM_USER),
    admin: "ok",
  };
}
const vm = (p: string) => onHost1("vm", p);
const host = (p: string) => onHost1("host", p);
const pool = (p: string) => onHost1("pool", p);
const net = (p: string) => onHost1("network", p);
/** A privilege on / (never hidden: refused with 403). */
const root = (p: string): Row => ({
  anon: 401,
  viewer: AUDIT.has(p) ? "ok" : 403,
  stranger: 403,
  op: 403,
  token: 403,
  admin: "ok",
});
/** Two privileges checked in turn: the first row's refusal, else the second's. */
const andThen = (first: Row, second: Row): Row =>
  Object.fromEntries(CALLERS.map((c) => [c, first[c] === "ok" ? second[c] : first[c]])) as Row;
/** Any signed-in caller (their own things, or lists filtered to what they see). */
const signedIn: Row = {
  anon: 401,
  viewer: "ok",
  stranger: "ok",
  op: "ok",
  token: "ok",
  admin: "ok",
};
const everyone: Row = {
  anon: "ok",
  viewer: "ok",
  stranger: "ok",
  op: "ok",
  token: "ok",
  admin: "ok",
};
/** Permissions.Modify on a VM group (and on the VM for membership): 403 but for admin. */
const groupAdmin: Row = { anon: 401, viewer: 403, stranger: 403, op: 403, token: 403, admin: "ok" };

interface Fixture {
  host1: string;
  host2: string;
  vmId: string;
  vmUuid: string;
  pool: string;
  /** The pool's directory on host 1. */
  poolDir: string;
  network: string;
  victim: string;
  group: string;
  role: string;
  vmGroup: string;
  aclEntry: string;
  tokenId: string;
  sessionId: string;
}

interface Case {
  expect: Row;
  input: (f: Fixture) => unknown;
  /** Run it for real when admitted too (reads that change nothing). */
  read?: boolean;
}

const CASES: Record<string, Case> = {
  // VMs
  "vm.list": { expect: signedIn, input: () => ({}), read: true },
  "vm.get": { expect: vm("VM.Audit"), input: (f) => ({ id: f.vmId }), read: true },
  "vm.events": { expect: vm("VM.Audit"), input: (f) => ({ id: f.vmId }), read: true },
  "vm.addresses": { expect: vm("VM.Audit"), input: (f) => ({ id: f.vmId }) },
  "vm.labels": {
    expect: vm("VM.Config.Options"),
    input: (f) => ({ id: f.vmId, tags: ["x"], notes: "" }),
  },
  "vm.forget": { expect: vm("VM.Allocate"), input: (f) => ({ id: f.vmId }) },
  "vm.power": { expect: vm("VM.PowerMgmt"), input: (f) => ({ id: f.vmId, action: "start" }) },
  "vm.autostart": {
    expect: vm("VM.Config.Options"),
    input: (f) => ({ id: f.vmId, autostart: true }),
  },
  "vm.bulk": { expect: signedIn, input: (f) => ({ ids: [f.vmId], action: "start" }) },
  "vm.resources": {
    expect: vm("VM.Config.CPU"),
    input: (f) => ({ id: f.vmId, vcpus: 2, memoryMib: 128 }),
  },
  "vm.description": {
    expect: vm("VM.Config.Options"),
    input: (f) => ({ id: f.vmId, title: "t", description: "d" }),
  },
  "vm.rename": { expect: vm("VM.Config.Options"), input: (f) => ({ id: f.vmId, name: "renamed" }) },
  "vm.cdrom": {
    expect: vm("VM.Config.CDROM"),
    input: (f) => ({ id: f.vmId, target: "sda", path: "" }),
  },
  "vm.xml.read": { expect: vm("VM.Config.XML"), input: (f) => ({ id: f.vmId }), read: true },
  "vm.xml.live": { expect: vm("VM.Audit"), input: (f) => ({ id: f.vmId }), read: true },
  // A host device reaches into the host: Sys.Modify on / as well.
  "vm.xml": {
    expect: andThen(vm("VM.Config.XML"), root("Sys.Modify")),
    input: (f) => ({
      id: f.vmId,
      xml: "<domain type='qemu'><devices><hostdev mode='subsystem' type='pci'/></devices></domain>",
    }),
  },
  "vm.disk.attach": {
    expect: vm("VM.Config.Disk"),
    input: (f) => ({ id: f.vmId, source: { mode: "existing", path: "/nonexistent.img" } }),
  },
  "vm.disk.detach": { expect: vm("VM.Config.Disk"), input: (f) => ({ id: f.vmId, target: "vdz" }) },
  "vm.boot-order": { expect: vm("VM.Config.Disk"), input: (f) => ({ id: f.vmId, order: ["hd"] }) },
  // A kernel in one of the host's pools: anywhere else would need Sys.Modify on / too.
  "vm.create": {
    expect: host("VM.Allocate"),
    input: (f) => ({
      hostId: f.host1,
      name: "vd-it-acl-new",
      source: { kind: "kernel", kernel: `${f.poolDir}/vmlinuz` },
      vcpus: 1,
      memoryMib: 64,
      domainType: "qemu",
    }),
  },
  "vm.create.preview": {
    expect: host("VM.Allocate"),
    input: (f) => ({
      hostId: f.host1,
      name: "vd-it-acl-new",
      source: { kind: "kernel", kernel: `${f.poolDir}/vmlinuz` },
      vcpus: 1,
      memoryMib: 64,
      domainType: "qemu",
    }),
    read: true,
  },
  "vm.create.check-step": {
    expect: host("VM.Allocate"),
    input: (f) => ({ hostId: f.host1, step: "name", name: "vd-it-acl-new" }),
    read: true,
  },
  "vm.create.options": {
    expect: host("VM.Allocate"),
    input: (f) => ({ hostId: f.host1 }),
    read: true,
  },
  "vm.clone": { expect: vm("VM.Allocate"), input: (f) => ({ id: f.vmId, name: "vd-it-acl-copy" }) },
  "vm.delete": { expect: vm("VM.Allocate"), input: (f) => ({ id: f.vmId }) },
  // VM.Migrate on the VM, then VM.Allocate on host 2 (the target), which only admin holds.
  "vm.migrate-check": {
    expect: andThen(vm("VM.Migrate"), root("VM.Allocate")),
    input: (f) => ({ id: f.vmId, target: f.host2 }),
    read: true,
  },
  "vm.migrate": {
    expect: andThen(vm("VM.Migrate"), root("VM.Allocate")),
    input: (f) => ({ id: f.vmId, target: f.host2, networks: { "no-such": "net" } }),
  },
  // VM.Allocate on host 2 (the target) first: the viewer sees it and is refused, the stranger
  // (Operator there) passes and is refused VM.Migrate on host 1's VM; op and the token do not see
  // host 2 at all.
  "vm.migrate-many": {
    expect: { anon: 401, viewer: 403, stranger: 403, op: 404, token: 404, admin: "ok" },
    input: (f) => ({ ids: [f.vmId], target: f.host2 }),
  },
  "vm.snapshot.list": { expect: vm("VM.Audit"), input: (f) => ({ id: f.vmId }), read: true },
  "vm.snapshot.create": { expect: vm("VM.Snapshot"), input: (f) => ({ id: f.vmId, name: "s1" }) },
  "vm.snapshot.revert": { expect: vm("VM.Snapshot"), input: (f) => ({ id: f.vmId, name: "s1" }) },
  "vm.snapshot.delete": { expect: vm("VM.Snapshot"), input: (f) => ({ id: f.vmId, name: "s1" }) },
  "vm.console": { expect: vm("VM.Console"), input: (f) => ({ id: f.vmId, type: "serial" }) },
  "vm.screenshot": { expect: vm("VM.Console"), input: (f) => ({ id: f.vmId }) },
  "vm.nic.add": {
    expect: vm("VM.Config.Network"),
    input: (f) => ({ id: f.vmId, type: "network", source: lab.LAB_NETWORK }),
  },
  "vm.nic.change": {
    expect: vm("VM.Config.Network"),
    input: (f) => ({
      id: f.vmId,
      mac: "52:54:00:aa:bb:cc",
      type: "network",
      source: lab.LAB_NETWORK,
    }),
  },
  "vm.nic.remove": {
    expect: vm("VM.Config.Network"),
    input: (f) => ({ id: f.vmId, mac: "52:54:00:aa:bb:cc" }),
  },
  // Hosts
  "host.list": { expect: signedIn, input: () => ({}), read: true },
  "host.get": { expect: host("Host.Audit"), input: (f) => ({ id: f.host1 }), read: true },
  "host.test": { expect: root("Host.Modify"), input: () => ({ uri: "test:///default" }) },
  "host.add": {
    expect: root("Host.Modify"),
    input: () => ({ name: "new", uri: "test:///default" }),
  },
  "host.edit": {
    expect: host("Host.Modify"),
    input: (f) => ({ id: f.host1, name: "lab1", uri: lab.LAB_URI }),
  },
  "host.remove": { expect: host("Host.Modify"), input: (f) => ({ id: f.host1 }) },
  "host.migration-settings": {
    expect: host("Host.Modify"),
    input: (f) => ({ id: f.host1, migrationAddress: "tcp://10.250.0.1" }),
  },
  "host.maintenance": {
    expect: host("Host.Modify"),
    input: (f) => ({ id: f.host1, maintenance: false }),
  },
  "host.evacuate": {
    expect: andThen(host("VM.Migrate"), root("VM.Allocate")),
    input: (f) => ({ id: f.host1, target: f.host2, maintenance: false }),
  },
  // Tasks: anyone signed in, seeing their own and those on what they may see.
  "task.list": { expect: signedIn, input: () => ({}), read: true },
  "task.get": {
    expect: signedIn,
    input: () => ({ id: "00000000-0000-4000-8000-000000000000" }),
  },
  "task.cancel": {
    expect: signedIn,
    input: () => ({ id: "00000000-0000-4000-8000-000000000000" }),
  },
  // Networks
  "network.list": { expect: signedIn, input: (f) => ({ hostId: f.host1 }), read: true },
  "network.get": {
    expect: net("Network.Audit"),
    input: (f) => ({ hostId: f.host1, name: f.network }),
    read: true,
  },
  "network.leases": {
    expect: net("Network.Audit"),
    input: (f) => ({ hostId: f.host1, name: f.network }),
    read: true,
  },
  "network.proposal": {
    expect: host("Network.Allocate"),
    input: (f) => ({ hostId: f.host1 }),
    read: true,
  },
  "network.create": {
    expect: host("Network.Allocate"),
    input: (f) => ({
      hostId: f.host1,
      kind: "bridge",
      name: "vd-it-acl-br",
      hostBridge: "virbr99",
    }),
  },
  "network.state": {
    expect: net("Network.Allocate"),
    input: (f) => ({ hostId: f.host1, name: f.network, action: "start" }),
  },
  "network.delete": {
    expect: net("Network.Allocate"),
    input: (f) => ({ hostId: f.host1, name: f.network }),
  },
  "network.dhcp-host.add": {
    expect: net("Network.Allocate"),
    input: (f) => ({ hostId: f.host1, name: f.network, mac: "52:54:00:aa:bb:cd", ip: "10.59.0.9" }),
  },
  "network.dhcp-host.remove": {
    expect: net("Network.Allocate"),
    input: (f) => ({ hostId: f.host1, name: f.network, mac: "52:54:00:aa:bb:cd", ip: "10.59.0.9" }),
  },
  "network.nic-targets": { expect: signedIn, input: (f) => ({ hostId: f.host1 }), read: true },
  // Storage
  "pool.list": { expect: signedIn, input: (f) => ({ hostId: f.host1 }), read: true },
  "volume.list-host": { expect: signedIn, input: (f) => ({ hostId: f.host1 }), read: true },
  "pool.get": {
    expect: pool("Datastore.Audit"),
    input: (f) => ({ hostId: f.host1, pool: f.pool }),
    read: true,
  },
  "volume.list": {
    expect: pool("Datastore.Audit"),
    input: (f) => ({ hostId: f.host1, pool: f.pool }),
    read: true,
  },
  "pool.create": {
    expect: host("Datastore.Allocate"),
    input: (f) => ({
      hostId: f.host1,
      type: "dir",
      name: "vd-it-acl-p2",
      path: "/tmp/vd-it-acl-p2",
    }),
  },
  "pool.state": {
    expect: pool("Datastore.Allocate"),
    input: (f) => ({ hostId: f.host1, pool: f.pool, action: "refresh" }),
  },
  "pool.delete": {
    expect: pool("Datastore.Allocate"),
    input: (f) => ({ hostId: f.host1, pool: f.pool }),
  },
  "volume.create": {
    expect: pool("Datastore.AllocateSpace"),
    input: (f) => ({ hostId: f.host1, pool: f.pool, name: "v2.qcow2", capacity: "1M" }),
  },
  "volume.resize": {
    expect: pool("Datastore.AllocateSpace"),
    input: (f) => ({ hostId: f.host1, pool: f.pool, volume: "v1.qcow2", capacity: "2M" }),
  },
  "volume.clone": {
    expect: pool("Datastore.AllocateSpace"),
    input: (f) => ({ hostId: f.host1, pool: f.pool, volume: "v1.qcow2", name: "v1-copy.qcow2" }),
  },
  "volume.delete": {
    expect: pool("Datastore.AllocateSpace"),
    input: (f) => ({ hostId: f.host1, pool: f.pool, volume: "v1.qcow2" }),
  },
  "volume.upload": {
    expect: pool("Datastore.AllocateSpace"),
    input: (f) => ({ hostId: f.host1, pool: f.pool, name: "up.img", size: 1024 }),
  },
  "volume.download": {
    expect: pool("Datastore.AllocateSpace"),
    input: (f) => ({ hostId: f.host1, pool: f.pool, volume: "v1.qcow2" }),
  },
  // Users, groups, roles, grants, VM groups
  "user.list": { expect: root("User.Modify"), input: () => ({}), read: true },
  "user.create": { expect: root("User.Modify"), input: () => ({ username: "newbie" }) },
  "user.update": { expect: root("User.Modify"), input: (f) => ({ id: f.victim, disabled: true }) },
  "user.reset-password": { expect: root("User.Modify"), input: (f) => ({ id: f.victim }) },
  "user.delete": { expect: root("User.Modify"), input: (f) => ({ id: f.victim }) },
  "group.list": { expect: root("User.Modify"), input: () => ({}), read: true },
  "group.create": { expect: root("User.Modify"), input: () => ({ name: "g2" }) },
  "group.update": { expect: root("User.Modify"), input: (f) => ({ id: f.group, members: [] }) },
  "group.delete": { expect: root("User.Modify"), input: (f) => ({ id: f.group }) },
  "role.list": { expect: signedIn, input: () => ({}), read: true },
  "role.create": {
    expect: root("Permissions.Modify"),
    input: () => ({ name: "r2", privileges: ["VM.Audit"] }),
  },
  "role.update": {
    expect: root("Permissions.Modify"),
    input: (f) => ({ name: f.role, privileges: ["VM.Audit"] }),
  },
  "role.delete": { expect: root("Permissions.Modify"), input: (f) => ({ name: f.role }) },
  "acl.list": { expect: signedIn, input: () => ({}), read: true },
  "acl.grant": {
    expect: host("Permissions.Modify"),
    input: (f) => ({
      path: `/hosts/${f.host1}`,
      subjectType: "user",
      subjectId: f.victim,
      role: "Auditor",
    }),
  },
  "acl.revoke": { expect: host("Permissions.Modify"), input: (f) => ({ id: f.aclEntry }) },
  "access.explain": {
    expect: host("Permissions.Modify"),
    input: (f) => ({ subjectType: "user", subjectId: f.victim, path: `/hosts/${f.host1}` }),
    read: true,
  },
  "access.explain-mine": {
    expect: signedIn,
    input: (f) => ({ path: `/hosts/${f.host1}` }),
    read: true,
  },
  "access.me": { expect: signedIn, input: () => ({}), read: true },
  "vm-group.list": { expect: signedIn, input: () => ({}), read: true },
  "vm-group.create": { expect: root("Permissions.Modify"), input: () => ({ name: "vg2" }) },
  "vm-group.delete": { expect: groupAdmin, input: (f) => ({ name: f.vmGroup }) },
  "vm-group.add": { expect: groupAdmin, input: (f) => ({ name: f.vmGroup, vmId: f.vmId }) },
  "vm-group.remove": { expect: groupAdmin, input: (f) => ({ name: f.vmGroup, vmId: f.vmId }) },
  // Accounts
  "auth.sign-in": { expect: everyone, input: () => ({ username: "nobody", password: "x" }) },
  "auth.oidc-start": { expect: everyone, input: () => ({ redirectUri: SSO_CALLBACK }) },
  "auth.oidc-callback": {
    expect: everyone,
    input: () => ({ redirectUri: SSO_CALLBACK, params: { code: "c", state: "s" } }),
  },
  "auth.sign-out": { expect: signedIn, input: () => ({}) },
  "user.password": {
    expect: signedIn,
    input: () => ({
      currentPassword: "a",
      newPassword: "b".repeat(12),
      confirmPassword: "b".repeat(12),
    }),
  },
  "api-token.create": { expect: signedIn, input: () => ({ name: "t", password: "x" }) },
  "api-token.list": { expect: signedIn, input: () => ({}), read: true },
  "api-token.revoke": { expect: signedIn, input: (f) => ({ id: f.tokenId }) },
  "api-token.grant": {
    expect: signedIn,
    input: (f) => ({ subjectId: f.tokenId, path: "/", role: "VMUser" }),
  },
  "api-token.list-all": { expect: root("User.Modify"), input: () => ({}), read: true },
  "api-token.revoke-any": { expect: root("User.Modify"), input: (f) => ({ id: f.tokenId }) },
  "session.list": { expect: signedIn, input: () => ({}), read: true },
  "session.end": { expect: signedIn, input: (f) => ({ id: f.sessionId }) },
  "session.list-all": { expect: root("User.Modify"), input: () => ({}), read: true },
  "session.end-any": { expect: root("User.Modify"), input: (f) => ({ id: f.sessionId }) },
  "sign-in.lockouts": { expect: root("User.Modify"), input: () => ({}), read: true },
  "sign-in.unlock": {
    expect: root("User.Modify"),
    input: () => ({ username: "nobody", address: "192.0.2.1" }),
  },
  // Second factors
  "auth.second-factor": { expect: everyone, input: () => ({ code: "123456" }) },
  "auth.passkey-challenge": { expect: everyone, input: () => ({}) },
  "auth.passkey": { expect: everyone, input: () => ({ response: passkeyAnswer }) },
  "second-factor.status": { expect: signedIn, input: () => ({}), read: true },
  "totp.begin": { expect: signedIn, input: () => ({ password: "x" }) },
  "totp.confirm": { expect: signedIn, input: () => ({ code: "123456" }) },
  "totp.remove": { expect: signedIn, input: () => ({ password: "x" }) },
  "recovery-codes.renew": { expect: signedIn, input: () => ({ password: "x" }) },
  "passkey.register-options": { expect: signedIn, input: () => ({ password: "x", name: "key" }) },
  "passkey.register": { expect: signedIn, input: () => ({ response: passkeyAnswer }) },
  "passkey.remove": { expect: signedIn, input: () => ({ id: "x", password: "x" }) },
  "user.reset-second-factors": { expect: root("User.Modify"), input: (f) => ({ id: f.victim }) },
  "sign-in.policy": { expect: root("User.Modify"), input: () => ({}), read: true },
  "sign-in.policy-set": {
    expect: root("User.Modify"),
    input: () => ({ secondFactorForEveryone: false, secondFactorRoles: [] }),
  },
  "audit.list": { expect: root("Sys.Audit"), input: () => ({}), read: true },
  "audit.export": { expect: root("Sys.Audit"), input: () => ({}), read: true },
  "api.openapi": { expect: everyone, input: () => ({}) },
  "health.live": { expect: everyone, input: () => ({}), read: true },
  "health.ready": { expect: everyone, input: () => ({}), read: true },
};

/** A WebAuthn answer of the right shape (the gate checks its shape only). */
const passkeyAnswer = { id: "a", rawId: "a", type: "public-key", response: {} };

const id = suffix();
const vmName = `vd-it-acl-${id}`;
const poolName = `vd-it-acl-${id}`;
const netName = `vd-it-acl-${id}`;
const poolDir = mkdtempSync(path.join(tmpdir(), "vd-it-acl-"));
let f: Fixture;
const callers = {} as Record<Caller, SessionUser | null>;

/** What virsh says of host 1: domains and their states, networks, pools, the test objects. */
async function hostState(): Promise<string> {
  const parts = await Promise.all([
    virsh(lab.LAB_URI, "list", "--all", "--name"),
    virsh(lab.LAB_URI, "domstate", vmName),
    virsh(lab.LAB_URI, "dumpxml", "--inactive", vmName),
    virsh(lab.LAB_URI, "net-list", "--all"),
    virsh(lab.LAB_URI, "net-dumpxml", "--inactive", netName),
    virsh(lab.LAB_URI, "pool-list", "--all"),
    virsh(lab.LAB_URI, "vol-list", poolName),
    virsh(lab.LAB_URI, "snapshot-list", vmName, "--name"),
  ]);
  return createHash("sha256").update(parts.join("\n--\n")).digest("hex");
}

beforeAll(async () => {
  const host1 = await startLabHost();
  const h2 = await db.host.create({ data: { name: "lab2", uri: lab.LAB_HOST2_URI } });
  manager.add(hostTarget(h2));
  await defineXml(lab.LAB_URI, await guestXml(lab, vmName));
  await virsh(lab.LAB_URI, "net-define", "/dev/stdin").catch(() => undefined);
  await run("bash", [
    "-c",
    `printf "<network><name>${netName}</name><ip address='10.59.0.1' netmask='255.255.255.0'><dhcp><range start='10.59.0.100' end='10.59.0.200'/></dhcp></ip></network>" | virsh -c ${lab.LAB_URI} net-define /dev/stdin`,
  ]);
  await virsh(lab.LAB_URI, "pool-define-as", poolName, "dir", "--target", poolDir);
  await virsh(lab.LAB_URI, "pool-start", poolName);
  await virsh(lab.LAB_URI, "vol-create-as", poolName, "v1.qcow2", "1M", "--format", "qcow2");
  const vmRow = await waitFor(
    "the test VM in the inventory",
    () =>
      db.vm
        .findFirst({ where: { name: vmName, hostId: host1, goneAt: null } })
        .then((v) => v ?? undefined),
    20_000,
  );
  // startLabHost made the administrator the shared set-up acts as.
  const admin = user;
  const op = await createActor("op", [{ path: `/hosts/${host1}`, role: "Operator" }]);
  const token = await createApiToken(op.userId, { name: "ci", expiresAt: null, privsep: true });
  await grant({
    path: "/",
    subjectType: "token",
    subjectId: token.summary.id,
    role: "VMUser",
    propagate: true,
  });
  Object.assign(callers, {
    anon: null,
    viewer: await createActor("viewer", [{ path: "/", role: "Auditor" }]),
    stranger: await createActor("stranger", [{ path: `/hosts/${h2.id}`, role: "Operator" }]),
    op,
    token: { ...op, sessionId: `token:${token.summary.id}`, tokenId: token.summary.id },
    admin,
  });
  const victim = await createActor("victim", [{ path: `/hosts/${host1}`, role: "VMUser" }]);
  const group = await db.group.create({ data: { name: "g1" } });
  await db.role.create({ data: { name: "r1", privileges: "VM.Audit" } });
  await db.vmGroup.create({ data: { name: "vg1" } });
  const entry = await db.aclEntry.findFirstOrThrow({ where: { subjectId: victim.userId } });
  const session = await createSession(victim.userId, "table test");
  const sessionRow = await db.session.findFirstOrThrow({ where: { userId: victim.userId } });
  void session;
  f = {
    host1,
    host2: h2.id,
    vmId: vmRow.id,
    vmUuid: vmRow.uuid,
    pool: poolName,
    poolDir,
    network: netName,
    victim: victim.userId,
    group: group.id,
    role: "r1",
    vmGroup: "vg1",
    aclEntry: entry.id,
    tokenId: token.summary.id,
    sessionId: sessionRow.id,
  };
});

afterAll(async () => {
  await removeDomain(lab.LAB_URI, vmName);
  await virsh(lab.LAB_URI, "net-undefine", netName).catch(() => undefined);
  await virsh(lab.LAB_URI, "pool-destroy", poolName).catch(() => undefined);
  await virsh(lab.LAB_URI, "pool-delete", poolName).catch(() => undefined);
  await virsh(lab.LAB_URI, "pool-undefine", poolName).catch(() => undefined);
  rmSync(poolDir, { recursive: true, force: true });
  await manager.stopAll();
  await closeDb();
});

function statusOf(error: unknown): number {
  const known = toAppError(error);
  return known ? httpStatus(known) : 500;
}

describe("the permission table", () => {
  it("has a row for every operation", () => {
    const names = registeredOperations().map((o) => o.name);
    expect(names.length).toBeGreaterThan(90);
    expect(names.filter((n) => !(n in CASES))).toEqual([]);
    expect(Object.keys(CASES).filter((n) => !names.includes(n))).toEqual([]);
  });

  it("refuses what it should, with the right status, audited, changing nothing on the host", async () => {
    const before = await hostState();
    const ops = new Map(registeredOperations().map((o) => [o.name, o]));
    const wrong: string[] = [];
    let refused = 0;
    for (const [name, c] of Object.entries(CASES)) {
      const op = ops.get(name)!;
      for (const who of CALLERS) {
        const want = c.expect[who];
        if (want === "ok") continue;
        // Counted over every action: a refusal is named by its input (vm.start for vm.power).
        const rowsBefore = await db.auditEvent.count({
          where: { outcome: "refused" },
        });
        const got = await invoke(op, { user: callers[who] }, c.input(f)).then(
          () => "ok" as const,
          statusOf,
        );
        refused++;
        if (got !== want) wrong.push(`${name} as ${who}: ${got}, want ${want}`);
        const rowsAfter = await db.auditEvent.count({
          where: { outcome: "refused" },
        });
        if (op.audit && rowsAfter !== rowsBefore + 1)
          wrong.push(`${name} as ${who}: no refused audit row`);
      }
    }
    expect(wrong).toEqual([]);
    expect(refused).toBeGreaterThan(250);
    expect(await hostState()).toBe(before);
  });

  it("audits every operation that changes or hands out something, whatever the outcome", async () => {
    // Reads (read: true) may go unaudited; nothing else may, but for these.
    const notAudited: Record<string, string> = {
      "vm.bulk": "each VM's own action is audited (vm.start, vm.destroy, vm.forget …)",
      "vm.addresses": "reads the guest's addresses again for the VM page while one is missing",
      "task.get":
        "a read of one task (its own visibility check answers 'No such task'); tests/integration/tasks covers it",
      "vm.screenshot": "a thumbnail read on every view of a VM page; opening a console is audited",
      "api.openapi": "a public document",
      "auth.passkey-challenge":
        "a challenge for a sign-in whose password step is audited; its answer (auth.passkey) is",
      "auth.oidc-start":
        "the redirect to the identity provider; its callback (auth.oidc-callback) is audited, refusals too",
    };
    const unaudited = registeredOperations()
      .filter((o) => !o.audit && !CASES[o.name]?.read && !(o.name in notAudited))
      .map((o) => o.name);
    expect(unaudited).toEqual([]);
    const ops = new Map(registeredOperations().map((o) => [o.name, o]));
    const last = () =>
      db.auditEvent.findFirstOrThrow({ orderBy: [{ at: "desc" }, { id: "desc" }] });
    // Success: an ok row naming the object.
    await invoke(
      ops.get("role.create")!,
      { user: callers.admin, clientAddress: "192.0.2.7" },
      {
        name: "AuditProbe",
        privileges: ["VM.Audit"],
      },
    );
    expect(await last()).toMatchObject({
      action: "role.create",
      outcome: "ok",
      target: "AuditProbe",
      clientAddress: "192.0.2.7",
    });
    // A failure on the host (no such network there): an error row with libvirt's words.
    await invoke(
      ops.get("network.state")!,
      { user: callers.admin },
      { hostId: f.host1, name: "no-such-net", action: "start" },
    ).catch(() => undefined);
    expect(await last()).toMatchObject({ action: "network.start", outcome: "error" });
    expect((await last()).detail).toMatch(/no-such-net/);
    await invoke(ops.get("role.delete")!, { user: callers.admin }, { name: "AuditProbe" });
  });

  it("admits what it should; reads run and answer", async () => {
    const ops = new Map(registeredOperations().map((o) => [o.name, o]));
    const wrong: string[] = [];
    for (const [name, c] of Object.entries(CASES)) {
      const op = ops.get(name)!;
      for (const who of CALLERS) {
        if (c.expect[who] !== "ok") continue;
        const caller = { user: callers[who] };
        const admitted = await admits(op, caller, c.input(f)).then(() => "ok", statusOf);
        if (admitted !== "ok") wrong.push(`${name} as ${who}: refused with ${admitted}`);
        else if (c.read) {
          const ran = await invoke(op, caller, c.input(f)).then(
            async (result) => {
              // A streamed answer (the audit export) is read to its end, as a client would.
              for (const value of Object.values(result ?? {}))
                if (value instanceof ReadableStream) await new Response(value).text();
              return "ok";
            },
            (e) => String(e),
          );
          if (ran !== "ok") wrong.push(`${name} as ${who} ran: ${ran}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it("lists only what each caller may see", async () => {
    const ops = new Map(registeredOperations().map((o) => [o.name, o]));
    const listed = async (who: Caller) =>
      (
        (await invoke(ops.get("vm.list")!, { user: callers[who] }, {})) as { vms: { id: string }[] }
      ).vms.map((v) => v.id);
    expect(await listed("op")).toContain(f.vmId);
    expect(await listed("viewer")).toContain(f.vmId);
    expect(await listed("token")).toContain(f.vmId);
    expect(await listed("stranger")).not.toContain(f.vmId);
    const hosts = (await invoke(ops.get("host.list")!, { user: callers.stranger }, {})) as {
      hosts: { id: string }[];
    };
    expect(hosts.hosts.map((h) => h.id)).toEqual([f.host2]);
    const pools = (await invoke(
      ops.get("pool.list")!,
      { user: callers.stranger },
      { hostId: f.host1 },
    )) as {
      pools: unknown[];
    };
    expect(pools.pools).toEqual([]);
  });
});
