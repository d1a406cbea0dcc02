import type { Metadata } from "next";
import { PermissionsAdmin } from "@/components/settings/permissions-admin";
import { listAcl } from "@/lib/access/acl";
import { grantChoices } from "@/lib/access/grant-choices";
import { pageAccess } from "@/lib/access/page-access";

export const metadata: Metadata = { title: "Permissions" };

export default async function PermissionsPage() {
  const { user, access } = await pageAccess();
  const auditor = access.can("Sys.Audit", { kind: "root" });
  // Grants are listed where the caller may change them (all of them for an auditor), as the API does.
  const acl = (await listAcl()).filter(
    (e) => auditor || (e.object !== null && access.can("Permissions.Modify", e.object)),
  );
  // A grant of Permissions.Modify anywhere shows up in that list (it is on a path one may change).
  const mayGrant = acl.some((e) => e.object !== null && access.can("Permissions.Modify", e.object));
  const choices = await grantChoices(access, mayGrant || auditor);
  return (
    <PermissionsAdmin
      acl={acl.map(({ object: _o, ...row }) => row)}
      choices={choices}
      me={{ id: user.userId, name: user.username }}
      mayGrant={mayGrant}
    />
  );
}
