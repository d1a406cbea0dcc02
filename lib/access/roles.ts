// Roles: the built-in ones (lib/access/privileges.ts, not editable) and custom ones made from
// the privilege list. A role still granted somewhere cannot be deleted.
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { changeAccess } from "./acl-snapshot";
import { BUILTIN_ROLES, type Privilege } from "./privileges";

export interface RoleRow {
  name: string;
  builtin: boolean;
  description: string;
  privileges: Privilege[];
  /** How many grants use it. */
  grants: number;
}

export async function listRoles(): Promise<RoleRow[]> {
  const [custom, counts] = await Promise.all([
    db.role.findMany({ orderBy: { name: "asc" } }),
    db.aclEntry.groupBy({ by: ["role"], _count: { _all: true } }),
  ]);
  const used = new Map(counts.map((c) => [c.role, c._count._all]));
  const builtin = Object.entries(BUILTIN_ROLES).map(([name, r]) => ({
    name,
    builtin: true,
    description: r.about,
    privileges: [...r.privileges],
    grants: used.get(name) ?? 0,
  }));
  return [
    ...builtin,
    ...custom.map((r) => ({
      name: r.name,
      builtin: false,
      description: r.description,
      privileges: r.privileges.split(/\s+/).filter(Boolean) as Privilege[],
      grants: used.get(r.name) ?? 0,
    })),
  ];
}

export async function roleExists(name: string): Promise<boolean> {
  return name in BUILTIN_ROLES || (await db.role.count({ where: { name } })) > 0;
}

function refuseBuiltin(name: string): void {
  if (name in BUILTIN_ROLES) throw new AppError("conflict", `${name} is a built-in role`);
}

export async function createRole(input: {
  name: string;
  privileges: Privilege[];
  description: string;
}): Promise<void> {
  refuseBuiltin(input.name);
  if (await roleExists(input.name))
    throw new AppError("conflict", `A role named ${input.name} already exists`);
  await changeAccess((tx) =>
    tx.role.create({
      data: {
        name: input.name,
        description: input.description,
        privileges: [...new Set(input.privileges)].join(" "),
      },
    }),
  );
}

export async function updateRole(input: {
  name: string;
  privileges: Privilege[];
  description: string;
}): Promise<void> {
  refuseBuiltin(input.name);
  if (!(await db.role.findUnique({ where: { name: input.name } })))
    throw new AppError("not_found", "No such role");
  await changeAccess((tx) =>
    tx.role.update({
      where: { name: input.name },
      data: {
        description: input.description,
        privileges: [...new Set(input.privileges)].join(" "),
      },
    }),
  );
}

export async function deleteRole(name: string): Promise<void> {
  refuseBuiltin(name);
  if (!(await db.role.findUnique({ where: { name } })))
    throw new AppError("not_found", "No such role");
  const grants = await db.aclEntry.count({ where: { role: name } });
  if (grants > 0)
    throw new AppError(
      "conflict",
      `${name} is granted ${grants} time(s): revoke those grants first`,
    );
  await changeAccess((tx) => tx.role.delete({ where: { name } }));
}
