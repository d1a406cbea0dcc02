// Managing who may do what: users and groups (User.Modify on /), roles (Permissions.Modify on
// /), grants (Permissions.Modify on the path granted), VM groups (Permissions.Modify on / to make
// or delete one; on the group and on the VM to change who is in it, so membership cannot be used
// to reach a VM one could not grant on).
import { z } from "zod";
import { getApiToken } from "@/lib/auth/api-tokens";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import {
  aclEntryIdSchema,
  createGroupSchema,
  createUserSchema,
  createVmGroupSchema,
  explainSchema,
  grantSchema,
  groupIdSchema,
  roleNameSchema,
  roleSchema,
  tokenGrantSchema,
  updateGroupSchema,
  updateUserSchema,
  userIdSchema,
  vmGroupMemberSchema,
  vmGroupNameSchema,
} from "@/lib/schemas/access";
import { type AclRow, getAclEntry, grant, listAcl, readPath, revoke } from "./acl";
import { explainAccess } from "./explain";
import { createGroup, deleteGroup, getGroup, listGroups, updateGroup } from "./groups";
import { operation } from "./operation";
import { createRole, deleteRole, listRoles, updateRole } from "./roles";
import { resolveTarget, root, targetOfPath, vm, vmGroup } from "./targets";
import { createUser, deleteUser, getUser, listUsers, resetPassword, updateUser } from "./users";
import {
  addVmToGroup,
  createVmGroup,
  deleteVmGroup,
  listVmGroups,
  removeVmFromGroup,
} from "./vm-groups";

const onRoot = { on: "root", target: () => root } as const;

export const listUsersOp = operation({
  name: "user.list",
  summary: "Every user, their groups, when they were last seen",
  input: z.object({}),
  access: { privilege: "User.Modify", ...onRoot },
  audit: false,
  run: async () => ({ users: await listUsers() }),
});

export const createUserOp = operation({
  name: "user.create",
  summary: "Creates a user; without a password, a one-time one is generated and returned once",
  input: createUserSchema,
  access: { privilege: "User.Modify", ...onRoot },
  audit: true,
  run: async (input, { audit }) => {
    audit.target = input.username;
    return createUser(input);
  },
});

export const updateUserOp = operation({
  name: "user.update",
  summary:
    "Disables or enables a user (disabling ends their sessions and deletes their tokens), sets their groups",
  input: updateUserSchema,
  access: { privilege: "User.Modify", ...onRoot },
  audit: true,
  auditAction: (input) =>
    input.disabled === undefined ? "user.update" : input.disabled ? "user.disable" : "user.enable",
  run: async (input, { user, audit }) => {
    const target = await getUser(input.id);
    audit.target = target.username;
    if (input.groups) audit.detail = `groups: ${input.groups.length}`;
    await updateUser(user.userId, input);
    return { id: input.id };
  },
});

export const resetPasswordOp = operation({
  name: "user.reset-password",
  summary: "Gives a user a new one-time password (returned once); their sessions end",
  input: userIdSchema,
  access: { privilege: "User.Modify", ...onRoot },
  audit: true,
  run: async ({ id }, { audit }) => {
    audit.target = (await getUser(id)).username;
    return resetPassword(id);
  },
});

export const deleteUserOp = operation({
  name: "user.delete",
  summary: "Deletes a user with their sessions, tokens, memberships and grants",
  input: userIdSchema,
  access: { privilege: "User.Modify", ...onRoot },
  audit: true,
  run: async ({ id }, { user, audit }) => {
    audit.target = (await getUser(id)).username;
    await deleteUser(user.userId, id);
    return { id };
  },
});

export const listGroupsOp = operation({
  name: "group.list",
  summary: "Every group and its members",
  input: z.object({}),
  access: { privilege: "User.Modify", ...onRoot },
  audit: false,
  run: async () => ({ groups: await listGroups() }),
});

export const createGroupOp = operation({
  name: "group.create",
  summary: "Creates a group of users (optionally following an identity-provider group)",
  input: createGroupSchema,
  access: { privilege: "User.Modify", ...onRoot },
  audit: true,
  run: async (input, { audit }) => {
    audit.target = input.name;
    if (input.providerGroup) audit.detail = `identity-provider group: ${input.providerGroup}`;
    return { group: await createGroup(input) };
  },
});

export const updateGroupOp = operation({
  name: "group.update",
  summary:
    "Sets a group's description, members and identity-provider group (single sign-on then sets its members)",
  input: updateGroupSchema,
  access: { privilege: "User.Modify", ...onRoot },
  audit: true,
  run: async (input, { audit }) => {
    audit.target = (await getGroup(input.id)).name;
    const details = [
      input.members ? `${input.members.length} member(s)` : null,
      input.providerGroup !== undefined
        ? `identity-provider group: ${input.providerGroup ?? "none"}`
        : null,
    ];
    audit.detail = details.filter(Boolean).join("; ") || undefined;
    await updateGroup(input);
    return { id: input.id };
  },
});

export const deleteGroupOp = operation({
  name: "group.delete",
  summary: "Deletes a group and the grants given to it",
  input: groupIdSchema,
  access: { privilege: "User.Modify", ...onRoot },
  audit: true,
  run: async ({ id }, { audit }) => {
    audit.target = (await deleteGroup(id)).name;
    return { id };
  },
});

export const listRolesOp = operation({
  name: "role.list",
  summary: "The built-in and custom roles with their privileges",
  input: z.object({}),
  access: { open: "self" },
  audit: false,
  run: async () => ({ roles: await listRoles() }),
});

export const createRoleOp = operation({
  name: "role.create",
  summary: "Creates a custom role from the privilege list",
  input: roleSchema,
  access: { privilege: "Permissions.Modify", ...onRoot },
  audit: true,
  run: async (input, { audit }) => {
    audit.target = input.name;
    audit.detail = input.privileges.join(" ");
    await createRole(input);
    return { name: input.name };
  },
});

export const updateRoleOp = operation({
  name: "role.update",
  summary: "Changes a custom role's privileges (every grant of it changes with it)",
  input: roleSchema,
  access: { privilege: "Permissions.Modify", ...onRoot },
  audit: true,
  run: async (input, { audit }) => {
    audit.target = input.name;
    audit.detail = input.privileges.join(" ");
    await updateRole(input);
    return { name: input.name };
  },
});

export const deleteRoleOp = operation({
  name: "role.delete",
  summary: "Deletes a custom role that is granted nowhere",
  input: roleNameSchema,
  access: { privilege: "Permissions.Modify", ...onRoot },
  audit: true,
  run: async ({ name }, { audit }) => {
    audit.target = name;
    await deleteRole(name);
    return { name };
  },
});

/** Entries are listed where you may change permissions, or everywhere with Sys.Audit on /. */
export const listAclOp = operation({
  name: "acl.list",
  summary:
    "The grants on paths where you hold Permissions.Modify (all of them with Sys.Audit on /)",
  input: z.object({}),
  access: { filtered: "Permissions.Modify" },
  audit: false,
  run: async (_input, { access }) => {
    const all = await listAcl();
    const auditor = access.can("Sys.Audit", { kind: "root" });
    const shown = (e: AclRow) =>
      auditor || (e.object !== null && access.can("Permissions.Modify", e.object));
    return { acl: all.filter(shown) };
  },
});

const onGrantedPath = {
  on: "root",
  target: (i: { path: string }) => targetOfPath(readPath(i.path)),
} as const;

export const grantOp = operation({
  name: "acl.grant",
  summary: "Grants a role on a path to a user, group or token (propagate: to what is below)",
  input: grantSchema,
  access: {
    privilege: "Permissions.Modify",
    ...onGrantedPath,
    describe: "Permissions.Modify on the path",
  },
  audit: true,
  run: async (input, { audit, target }) => {
    const { subject } = await grant(input);
    audit.detail = `${input.role} to ${input.subjectType} ${subject}${input.propagate ? "" : " (not propagated)"}`;
    return { granted: { path: target?.path ?? input.path, role: input.role, subject } };
  },
});

export const revokeOp = operation({
  name: "acl.revoke",
  summary: "Revokes a grant",
  input: aclEntryIdSchema,
  access: {
    privilege: "Permissions.Modify",
    on: "root",
    target: async ({ id }) => targetOfPath(readPath((await getAclEntry(id)).path)),
    describe: "Permissions.Modify on the grant's path",
  },
  audit: true,
  run: async ({ id }, { audit }) => {
    audit.detail = await revoke(id);
    return { id };
  },
});

/** A privilege-separated token never exceeds its user, so its owner may grant it anything. */
export const grantMyTokenOp = operation({
  name: "api-token.grant",
  summary: "Grants a role to one of your own privilege-separated tokens (it never exceeds you)",
  input: tokenGrantSchema,
  access: { open: "self" },
  audit: true,
  run: async (input, { user, audit }) => {
    const token = await getApiToken(input.subjectId);
    if (token.userId !== user.userId) throw new AppError("not_found", "No such token");
    if (!token.privsep)
      throw new AppError(
        "conflict",
        "This token is not privilege-separated: it already holds your permissions",
      );
    audit.target = `${token.username}!${token.name}`;
    audit.detail = `${input.role} on ${input.path}`;
    await grant({ ...input, subjectType: "token" });
    return { granted: { path: input.path, role: input.role } };
  },
});

export const explainOp = operation({
  name: "access.explain",
  summary: "A user's or token's privileges on a path, each with the grant that gave it",
  input: explainSchema,
  access: {
    privilege: "Permissions.Modify",
    ...onGrantedPath,
    describe: "Permissions.Modify on the path (or it is you)",
  },
  audit: false,
  run: (input, { target }) => explainAccess(input, target!),
});

export const explainMineOp = operation({
  name: "access.explain-mine",
  summary: "Your own privileges on a path, each with the grant that gave it",
  input: explainSchema.pick({ path: true }),
  access: { open: "self" },
  audit: false,
  run: async (input, { user }) => {
    const target = await resolveTarget(targetOfPath(readPath(input.path)));
    return explainAccess({ subjectType: "user", subjectId: user.userId }, target);
  },
});

export const listVmGroupsOp = operation({
  name: "vm-group.list",
  summary: "The VM groups, with the VMs in them that you may see",
  input: z.object({}),
  access: { filtered: "VM.Audit" },
  audit: false,
  run: async (_input, { access }) => ({
    groups: (await listVmGroups()).map((g) => ({
      ...g,
      members: g.members.filter(
        (m) => m.vm && access.seesVm({ hostId: m.vm.hostId, uuid: m.uuid }),
      ),
    })),
  }),
});

export const createVmGroupOp = operation({
  name: "vm-group.create",
  summary: "Creates a VM group (grants on /groups/{name} reach its VMs)",
  input: createVmGroupSchema,
  access: { privilege: "Permissions.Modify", ...onRoot },
  audit: true,
  run: async (input, { audit }) => {
    audit.target = `VM group ${input.name}`;
    await createVmGroup(input);
    return { name: input.name };
  },
});

export const deleteVmGroupOp = operation({
  name: "vm-group.delete",
  summary: "Deletes a VM group and the grants on it (its VMs stay)",
  input: vmGroupNameSchema,
  access: { privilege: "Permissions.Modify", on: "group", target: (i) => vmGroup(i.name) },
  audit: true,
  run: async ({ name }) => {
    await deleteVmGroup(name);
    return { name };
  },
});

const memberRule = {
  privilege: "Permissions.Modify",
  on: "group",
  target: (i: { name: string }) => vmGroup(i.name),
  also: (i: { vmId: string }) => [{ privilege: "Permissions.Modify" as const, on: vm(i.vmId) }],
  describe: "Permissions.Modify on the group and on the VM",
} as const;

export const addVmToGroupOp = operation({
  name: "vm-group.add",
  summary: "Puts a VM in the group (out of any other)",
  input: vmGroupMemberSchema,
  access: memberRule,
  audit: true,
  run: async ({ name, vmId }, { audit }) => {
    const row = await db.vm.findUniqueOrThrow({ where: { id: vmId }, include: { host: true } });
    audit.detail = `${row.name} on ${row.host.name}`;
    await addVmToGroup(name, row.uuid);
    return { name, vmId };
  },
});

export const removeVmFromGroupOp = operation({
  name: "vm-group.remove",
  summary: "Takes a VM out of the group",
  input: vmGroupMemberSchema,
  access: memberRule,
  audit: true,
  run: async ({ name, vmId }, { audit }) => {
    const row = await db.vm.findUniqueOrThrow({ where: { id: vmId }, include: { host: true } });
    audit.detail = `${row.name} on ${row.host.name}`;
    await removeVmFromGroup(name, row.uuid);
    return { name, vmId };
  },
});
