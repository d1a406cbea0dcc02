import type { Metadata } from "next";
import { RolesAdmin } from "@/components/settings/roles-admin";
import { pageAccess } from "@/lib/access/page-access";
import { listRoles } from "@/lib/access/roles";

export const metadata: Metadata = { title: "Roles" };

export default async function RolesPage() {
  const { access } = await pageAccess();
  return (
    <RolesAdmin
      roles={await listRoles()}
      mayEdit={access.can("Permissions.Modify", { kind: "root" })}
    />
  );
}
