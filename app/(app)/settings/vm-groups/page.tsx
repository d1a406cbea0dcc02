import type { Metadata } from "next";
import { VmGroupsAdmin } from "@/components/settings/vm-groups-admin";
import { grantChoices } from "@/lib/access/grant-choices";
import { pageAccess } from "@/lib/access/page-access";
import { listVmGroups } from "@/lib/access/vm-groups";

export const metadata: Metadata = { title: "VM groups" };

export default async function VmGroupsPage() {
  const { access } = await pageAccess();
  const [groups, choices] = await Promise.all([listVmGroups(), grantChoices(access, false)]);
  return (
    <VmGroupsAdmin
      groups={groups.map((g) => ({
        ...g,
        members: g.members.filter(
          (m) => m.vm && access.seesVm({ hostId: m.vm.hostId, uuid: m.uuid }),
        ),
        mayChange: access.can("Permissions.Modify", { kind: "group", group: g.name }),
      }))}
      vms={choices.vms}
      mayCreate={access.can("Permissions.Modify", { kind: "root" })}
    />
  );
}
