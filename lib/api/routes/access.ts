// /api/v1 for accounts and permissions: signing in, users, groups, roles, grants, VM groups,
// tokens, sessions, the audit log.
import {
  addVmToGroupOp,
  createGroupOp,
  createRoleOp,
  createUserOp,
  createVmGroupOp,
  deleteGroupOp,
  deleteRoleOp,
  deleteUserOp,
  deleteVmGroupOp,
  explainMineOp,
  explainOp,
  grantMyTokenOp,
  grantOp,
  listAclOp,
  listGroupsOp,
  listRolesOp,
  listUsersOp,
  listVmGroupsOp,
  removeVmFromGroupOp,
  resetPasswordOp,
  revokeOp,
  updateGroupOp,
  updateRoleOp,
  updateUserOp,
} from "@/lib/access/operations";
import { exportAuditOp, listAuditOp } from "@/lib/audit/operations";
import {
  changePasswordOp,
  createTokenOp,
  endAnySessionOp,
  endMySessionOp,
  liftLockoutOp,
  listAllSessionsOp,
  listAllTokensOp,
  listLockoutsOp,
  listMySessionsOp,
  listMyTokensOp,
  revokeAnyTokenOp,
  revokeMyTokenOp,
  signInOp,
  signOutOp,
  whoAmIOp,
} from "@/lib/auth/operations";
import type { RouteSpec } from "../route";

const auditQuery = ["user", "action", "object", "outcome", "from", "to", "cursor", "limit"];

export const accessRoutes = {
  "POST /api/v1/auth/login": {
    operation: signInOp,
    respond: (r: { user: object }) => ({ user: r.user }),
  },
  "POST /api/v1/auth/logout": { operation: signOutOp },
  "POST /api/v1/auth/password": { operation: changePasswordOp },
  "GET /api/v1/auth/lockouts": { operation: listLockoutsOp },
  "DELETE /api/v1/auth/lockouts": { operation: liftLockoutOp, query: ["username", "address"] },
  "GET /api/v1/access/me": { operation: whoAmIOp },
  "GET /api/v1/access/effective": {
    operation: explainOp,
    query: ["subjectType", "subjectId", "path"],
  },
  "GET /api/v1/access/effective/me": { operation: explainMineOp, query: ["path"] },

  "GET /api/v1/users": { operation: listUsersOp },
  "POST /api/v1/users": { operation: createUserOp, status: 201 },
  "PATCH /api/v1/users/{id}": { operation: updateUserOp },
  "DELETE /api/v1/users/{id}": { operation: deleteUserOp },
  "POST /api/v1/users/{id}/reset-password": { operation: resetPasswordOp },

  "GET /api/v1/groups": { operation: listGroupsOp },
  "POST /api/v1/groups": { operation: createGroupOp, status: 201 },
  "PATCH /api/v1/groups/{id}": { operation: updateGroupOp },
  "DELETE /api/v1/groups/{id}": { operation: deleteGroupOp },

  "GET /api/v1/roles": { operation: listRolesOp },
  "POST /api/v1/roles": { operation: createRoleOp, status: 201 },
  "PUT /api/v1/roles/{name}": { operation: updateRoleOp },
  "DELETE /api/v1/roles/{name}": { operation: deleteRoleOp },

  "GET /api/v1/acl": { operation: listAclOp },
  "POST /api/v1/acl": { operation: grantOp, status: 201 },
  "DELETE /api/v1/acl/{id}": { operation: revokeOp },

  "GET /api/v1/vm-groups": { operation: listVmGroupsOp },
  "POST /api/v1/vm-groups": { operation: createVmGroupOp, status: 201 },
  "DELETE /api/v1/vm-groups/{name}": { operation: deleteVmGroupOp },
  "PUT /api/v1/vm-groups/{name}/vms/{vmId}": { operation: addVmToGroupOp },
  "DELETE /api/v1/vm-groups/{name}/vms/{vmId}": { operation: removeVmFromGroupOp },

  "GET /api/v1/tokens": { operation: listMyTokensOp },
  "POST /api/v1/tokens": { operation: createTokenOp, status: 201 },
  "DELETE /api/v1/tokens/{id}": { operation: revokeMyTokenOp },
  "POST /api/v1/tokens/{id}/acl": {
    operation: grantMyTokenOp,
    params: { id: "subjectId" },
    status: 201,
  },
  "GET /api/v1/sessions": { operation: listMySessionsOp },
  "DELETE /api/v1/sessions/{id}": { operation: endMySessionOp },
  "GET /api/v1/admin/tokens": { operation: listAllTokensOp },
  "DELETE /api/v1/admin/tokens/{id}": { operation: revokeAnyTokenOp },
  "GET /api/v1/admin/sessions": { operation: listAllSessionsOp },
  "DELETE /api/v1/admin/sessions/{id}": { operation: endAnySessionOp },

  "GET /api/v1/audit": { operation: listAuditOp, query: auditQuery },
  "GET /api/v1/audit/export": {
    operation: exportAuditOp,
    query: auditQuery,
    respond: ({ csv }: { csv: string }) =>
      new Response(csv, {
        headers: {
          "content-type": "text/csv; charset=utf-8",
          "content-disposition": 'attachment; filename="virtdeck-audit.csv"',
          "cache-control": "no-store",
        },
      }),
  },
} satisfies Record<string, RouteSpec>;
